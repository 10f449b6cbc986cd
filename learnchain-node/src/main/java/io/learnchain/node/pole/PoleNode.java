package io.learnchain.node.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.pole.CandidateSelection;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One full node's part in proof-of-learning rounds: it takes {@link GossipMessage}s from peers,
 * keeps the commitment log, collects each round's candidates for a window after the shard reveal
 * and lets the chain choose and connect the winner (the verifier role), and drives its optional
 * miner and requester on every new tip. Owns no thread and reads no clock: everything runs on the
 * {@link Scheduler}; its own messages go to its peers and, through the scheduler, to itself.
 */
public final class PoleNode {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PoleNode.class);
    /** Candidates and blocks kept by hash, to import a parent that lost this node's own selection. */
    private static final int SEEN_BLOCKS = 4_096;
    /** Reveals of tasks this node's tip does not know yet, kept until the tip moves. */
    private static final int WAITING_REVEALS = 64;

    private final String name;
    private final ChainService chain;
    private final BlobStore blobs;
    private final Scheduler scheduler;
    private final GossipNetwork peers;
    private final Consumer<PoleEvent> events;
    private final long candidateWindowMillis;
    /** The clock a round's decision is timed with (RoundDecided.verifySeconds): the one training is timed with. */
    private final CpuMeter verifyClock;

    private final Map<Hash, List<CandidateSelection.Candidate>> candidates = new HashMap<>();
    private final Set<Hash> decided = new HashSet<>();
    private final Set<Hash> revealed = new HashSet<>();
    private final Map<Hash, List<Block>> orphans = new HashMap<>();
    private final List<GossipMessage.ShardReveal> waitingReveals = new ArrayList<>();
    /** Key releases that could not be judged yet (task or encrypted blob not here). */
    private final List<GossipMessage.RoundKeys> waitingKeys = new ArrayList<>();

    private final RoundKeyBook roundKeys;
    private final Map<Hash, Block> seen = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Block> eldest) {
            return size() > SEEN_BLOCKS;
        }
    };
    private Optional<MinerRole> miner = Optional.empty();
    private Optional<RequesterRole> requester = Optional.empty();
    private Optional<AuditorRole> auditor = Optional.empty();
    private Hash lastTip;

    public PoleNode(
            String name,
            ChainService chain,
            BlobStore blobs,
            Scheduler scheduler,
            GossipNetwork peers,
            Consumer<PoleEvent> events,
            long candidateWindowMillis,
            CpuMeter verifyClock) {
        this.verifyClock = verifyClock;
        this.name = name;
        this.chain = chain;
        this.roundKeys = new RoundKeyBook(chain.genesis().chainId());
        this.blobs = blobs;
        this.scheduler = scheduler;
        this.peers = peers;
        this.events = events;
        this.candidateWindowMillis = candidateWindowMillis;
        this.lastTip = chain.head().hash();
    }

    /** The network the roles of this node send through: to every peer, and to this node itself. */
    public GossipNetwork outbound() {
        return message -> {
            peers.broadcast(message);
            scheduler.after(0, () -> receive(name, message));
        };
    }

    public void attach(MinerRole role) {
        miner = Optional.of(role);
        role.takeKeysFrom(this::roundKeys);
    }

    public void attach(RequesterRole role) {
        requester = Optional.of(role);
    }

    public void attach(AuditorRole role) {
        auditor = Optional.of(role);
    }

    /** Starts the roles on the current tip. */
    public void start() {
        miner.ifPresent(MinerRole::onTip);
        requester.ifPresent(RequesterRole::onTip);
    }

    public String name() {
        return name;
    }

    public ChainService chain() {
        return chain;
    }

    /** Handles one message from {@code from} (a peer's name, or this node's own). */
    public void receive(String from, GossipMessage message) {
        switch (message) {
            case GossipMessage.Transaction t -> chain.submitTransaction(t.tx());
            case GossipMessage.CommitmentMsg c -> {
                if (chain.recordCommitment(c.commitment(), c.signature())) {
                    requester.ifPresent(r -> r.onCommitment(c.commitment()));
                    if (!from.equals(name)) {
                        miner.ifPresent(m -> m.onPeerCommitment(c.commitment()));
                    }
                }
            }
            case GossipMessage.ShardReveal r -> onReveal(r);
            case GossipMessage.Candidate c -> onCandidate(from, c);
            case GossipMessage.BlockMsg b -> importBlock(b.block());
            case GossipMessage.RoundKeys k -> onRoundKeys(k);
            case GossipMessage.FraudProof f -> {
                if (f.openingMatches()) {
                    put(f.opening());
                    chain.submitTransaction(f.tx());
                }
            }
        }
        checkTip();
    }

    /**
     * A private round's key release (PROTOCOL.md 3.9): kept for the miner when it is the requester's
     * and opens the round's rows ({@link RoundKeyBook}). One that cannot be judged yet (its task not
     * on the tip, or the encrypted training set not here) waits, and is offered again when the miner
     * asks for the round's keys.
     */
    private void onRoundKeys(GossipMessage.RoundKeys message) {
        var outcome = roundKeys.offer(message, chain.head().tip().state(), chain.blobs());
        if (outcome instanceof RoundKeyBook.Outcome.Wait && waitingKeys.size() < WAITING_REVEALS) {
            waitingKeys.add(message);
        }
        if (!(outcome instanceof RoundKeyBook.Outcome.Kept)) {
            LOG.debug(
                    "{}: round keys of task {} on {} not kept: {}",
                    name,
                    message.release().taskId(),
                    message.release().previous().shortHex(),
                    outcome);
        }
    }

    /** The kept key release of task {@code taskId}'s round on {@code previous}, if any (waiting ones offered again). */
    Optional<RoundKeyRelease> roundKeys(long taskId, Hash previous) {
        Optional<RoundKeyRelease> kept = roundKeys.release(taskId, previous);
        if (kept.isPresent() || waitingKeys.isEmpty()) {
            return kept;
        }
        List<GossipMessage.RoundKeys> retry = List.copyOf(waitingKeys);
        waitingKeys.clear();
        retry.forEach(this::onRoundKeys);
        return roundKeys.release(taskId, previous);
    }

    /**
     * A reveal is kept whatever this node's tip is (a slow node may still be deciding the last
     * round): the shard is stored and the round marked revealed, so the candidates can be judged
     * once their parent connects; the decision runs a window after the reveal.
     */
    private void onReveal(GossipMessage.ShardReveal reveal) {
        Hash parent = reveal.reveal().previous();
        if (revealed.contains(parent)) {
            return;
        }
        switch (RevealRules.judge(reveal, chain)) {
            case IGNORE -> {
                return; // a forged or mismatched reveal must not close phase 1 (SCENARIOS.md D19)
            }
            case WAIT -> {
                if (waitingReveals.size() < WAITING_REVEALS) {
                    waitingReveals.add(reveal);
                }
                return;
            }
            case TAKE -> revealed.add(parent);
        }
        put(reveal.shard());
        chain.recordReveal(parent);
        if (chain.head().hash().equals(parent)) {
            Dataset shard = DatasetCodec.decode(
                    reveal.shard(), "shard " + reveal.reveal().shardHash().shortHex());
            miner.ifPresent(m -> m.onReveal(reveal, shard).forEach(outbound()::broadcast));
        }
        scheduler.after(candidateWindowMillis, () -> decide(parent));
    }

    private void onCandidate(String from, GossipMessage.Candidate c) {
        Optional<PoleProof> proof = proof(c.block());
        if (proof.isEmpty() || !Hash.sha256(c.model()).equals(proof.get().modelHash())) {
            // A claim without the weights it claims for cannot be verified: never evaluated, never
            // connected (SCENARIOS.md D20); the sender is reported like a rejected candidate.
            events.accept(new PoleEvent.Rejected(
                    name,
                    c.block().hash(),
                    c.block().header().miner().toHex(),
                    proof.isEmpty() ? InvalidReason.WRONG_ENGINE_PROOF : InvalidReason.MODEL_HASH_MISMATCH));
            return;
        }
        put(c.model());
        c.openings().forEach(this::put);
        if (!from.equals(name)) {
            miner.ifPresent(m -> m.onPeerCandidate(c).forEach(outbound()::broadcast));
        }
        Hash parent = c.block().header().previous();
        if (decided.contains(parent) || !chain.head().hash().equals(parent)) {
            importBlock(c.block());
            return;
        }
        long order = CandidateSelection.listedOrder(chain.genesis().chainId(), c.block());
        seen.put(c.block().hash(), c.block());
        proof(c.block())
                .ifPresent(p -> events.accept(new PoleEvent.CandidateReceived(
                        name,
                        parent,
                        c.block().hash(),
                        c.block().header().minerAddress().toString(),
                        p.claimedScore())));
        candidates
                .computeIfAbsent(parent, k -> new ArrayList<>())
                .add(new CandidateSelection.Candidate(c.block(), order, from));
    }

    private void decide(Hash parent) {
        if (!decided.add(parent)) {
            return;
        }
        List<CandidateSelection.Candidate> list = candidates.getOrDefault(parent, List.of());
        if (!chain.head().hash().equals(parent)) {
            list.forEach(c -> importBlock(c.block()));
        } else if (!list.isEmpty()) {
            long start = verifyClock.nanos();
            CandidateSelection.Selection s = chain.importCandidates(list);
            double seconds = (verifyClock.nanos() - start) / 1e9;
            for (CandidateSelection.Rejection r : s.rejected()) {
                events.accept(
                        new PoleEvent.Rejected(name, r.blockHash(), r.miner().toHex(), r.reason()));
            }
            events.accept(new PoleEvent.RoundDecided(
                    name, parent, s.winningBlock().map(Block::hash), list.size(), s.evaluations(), seconds));
            s.undecided().forEach(this::importBlock);
        }
        candidates.remove(parent);
        checkTip();
    }

    /**
     * Imports {@code block}; when its parent is unknown to the chain but was seen here as a
     * candidate that lost this node's selection (e.g. a tie broken by this node's own commitment
     * order), the parent is imported first: the network built on it, so fork choice must see it.
     * Otherwise the block waits until its parent connects.
     */
    private void importBlock(Block block) {
        seen.put(block.hash(), block);
        ImportResult result = chain.importBlock(block);
        if (result instanceof ImportResult.Deferred d && d.reason() == UndecidedReason.UNKNOWN_PARENT) {
            Block parent = seen.get(block.header().previous());
            if (parent != null && chain.blockInfo(parent.hash()).isEmpty()) {
                importBlock(parent);
                result = chain.importBlock(block);
            }
        }
        if (result instanceof ImportResult.Deferred d) {
            LOG.debug("{}: block {} deferred: {} ({})", name, block.hash().shortHex(), d.reason(), d.detail());
            if (d.reason() == UndecidedReason.UNKNOWN_PARENT) {
                orphans.computeIfAbsent(block.header().previous(), k -> new ArrayList<>())
                        .add(block);
            }
        }
    }

    /**
     * The chain's tip may have moved by another path than this node's messages (sync, a block from
     * the API): lets the roles start on it. Call on the scheduler.
     */
    public void tipChanged() {
        checkTip();
    }

    private void checkTip() {
        Hash tip = chain.head().hash();
        if (tip.equals(lastTip)) {
            return;
        }
        lastTip = tip;
        auditor.ifPresent(AuditorRole::onTip);
        miner.ifPresent(MinerRole::onTip);
        requester.ifPresent(RequesterRole::onTip);
        if (!waitingReveals.isEmpty()) {
            List<GossipMessage.ShardReveal> retry = List.copyOf(waitingReveals);
            waitingReveals.clear();
            retry.forEach(this::onReveal);
        }
        List<Block> waiting = orphans.remove(tip);
        if (waiting != null) {
            waiting.forEach(this::importBlock);
            checkTip();
        }
    }

    private void put(byte[] bytes) {
        try {
            blobs.put(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a blob: " + e.getMessage(), e);
        }
    }

    static Optional<PoleProof> proof(Block block) {
        return block.header().proof() instanceof PoleProof p ? Optional.of(p) : Optional.empty();
    }
}
