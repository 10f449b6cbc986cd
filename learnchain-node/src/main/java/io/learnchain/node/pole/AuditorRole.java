package io.learnchain.node.pole;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.pole.FraudReport;
import io.learnchain.chain.pole.ReplayRun;
import io.learnchain.chain.pole.ReplayVerifier;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The auditor of one node (PROTOCOL.md 3.8): replays the whole record of each won round it is
 * responsible for (a requester, its own tasks; a node run with {@code --verify replay}, every
 * task) while the payout is held, a chunk of {@code chunkSteps} steps per scheduler task, and when
 * the replay departs from the committed checkpoints sends the fraud proof (a WorkFraud transaction
 * signed with {@code key} and the checkpoint it opens) to its mempool and its peers. A private
 * task's round (PROTOCOL.md 3.9) is audited the same way: the replay decrypts the round's training
 * set with the k keys of the block's reveal ({@link ReplayVerifier}, through the node's cache of
 * derived data sets), and the proof carries those keys ({@link FraudReport}), without which no
 * node could replay the disputed segment. Owns no thread and reads no clock.
 */
public final class AuditorRole {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditorRole.class);
    private final String name;
    private final KeyPair key;
    private final ChainService chain;
    private final GossipNetwork network;
    private final Scheduler scheduler;
    private final Consumer<PoleEvent> events;
    private final ComputePool pool;
    private final Predicate<TaskState> audits;
    private final CpuMeter cpu;
    private final long chunkSteps;
    private final Deque<Audit> queue = new ArrayDeque<>();
    private ChainTip lastTip;
    private boolean running;

    public AuditorRole(
            String name,
            KeyPair key,
            ChainService chain,
            GossipNetwork network,
            Scheduler scheduler,
            Consumer<PoleEvent> events,
            ComputePool pool,
            Predicate<TaskState> audits,
            CpuMeter cpu,
            long chunkSteps) {
        if (chunkSteps < 1) {
            throw new IllegalArgumentException("an audit chunk is at least one step, got " + chunkSteps);
        }
        this.name = name;
        this.key = key;
        this.chain = chain;
        this.network = network;
        this.scheduler = scheduler;
        this.events = events;
        this.pool = pool;
        this.audits = audits;
        this.cpu = cpu;
        this.chunkSteps = chunkSteps;
        this.lastTip = chain.head().tip();
    }

    /**
     * The key an auditor signs its fraud proofs with, derived from the node's key (its requester
     * key signs reveals with the account's next nonce; a separate account keeps the two from
     * spending the same nonce). The bounty of a refuted payout goes to its address.
     */
    public static KeyPair keyFor(KeyPair nodeKey) {
        byte[] domain = "learnchain/auditor-key/v1".getBytes(StandardCharsets.US_ASCII);
        return KeyPair.fromSeed(Hash.sha256(domain, nodeKey.privateKey().seed()).toArray());
    }

    /** Audits every task posted by {@code requester}. */
    public static Predicate<TaskState> tasksOf(Address requester) {
        return t -> t.requester().equals(requester);
    }

    /**
     * The tip changed: when it is a pole block on the tip this auditor saw last, of a task it
     * audits, queue its replay (a block that arrived by a reorganisation or a sync batch is not
     * audited here: {@code --verify replay} replays those on import).
     */
    public void onTip() {
        ChainTip tip = chain.head().tip();
        ChainTip parent = lastTip;
        lastTip = tip;
        if (parent == null) {
            return;
        }
        Optional<Block> block = chain.block(tip.hash());
        if (block.isEmpty()
                || !block.get().header().previous().equals(parent.hash())
                || !(block.get().header().proof() instanceof PoleProof p)) {
            return;
        }
        Optional<TaskState> task = tip.state().tasks().get(p.taskId());
        if (task.isEmpty() || !audits.test(task.get())) {
            return;
        }
        queue.add(new Audit(parent, block.get()));
        if (!running) {
            running = true;
            scheduler.after(0, this::next);
        }
    }

    private void next() {
        Audit a = queue.poll();
        if (a == null) {
            running = false;
            return;
        }
        long start = cpu.nanos();
        switch (ReplayVerifier.start(a.parent(), chain.rules(), a.block(), chain.blobs(), pool, Long.MAX_VALUE)) {
            case ReplayVerifier.Start.Done d -> finish(a, d.outcome(), (cpu.nanos() - start) / 1e9);
            case ReplayVerifier.Start.Running r -> {
                a.cpuSeconds = (cpu.nanos() - start) / 1e9;
                scheduler.after(0, () -> step(a, r.run()));
            }
        }
    }

    private void step(Audit a, ReplayRun run) {
        long start = cpu.nanos();
        Optional<ReplayVerifier.Outcome> out = run.advance(chunkSteps);
        a.cpuSeconds += (cpu.nanos() - start) / 1e9;
        if (out.isPresent()) {
            finish(a, out.get(), a.cpuSeconds);
        } else {
            scheduler.after(0, () -> step(a, run));
        }
    }

    private void finish(Audit a, ReplayVerifier.Outcome outcome, double seconds) {
        PoleProof p = (PoleProof) a.block().header().proof();
        Optional<FraudReport> report = FraudReport.of(a.block(), outcome);
        events.accept(new PoleEvent.Audited(
                name,
                a.block().hash(),
                p.taskId(),
                report.map(r -> r.payload().segment()).orElse(-1),
                seconds));
        report.ifPresent(this::send);
        if (outcome instanceof ReplayVerifier.Outcome.NotReplayed n) {
            LOG.info("{}: could not audit block {}: {}", name, a.block().hash().shortHex(), n.why());
        }
        scheduler.after(0, this::next);
    }

    private void send(FraudReport report) {
        Address me = Address.of(key.publicKey());
        long nonce = chain.account(me).nonce();
        for (SignedTransaction pending : chain.mempool().pending(Integer.MAX_VALUE)) {
            if (pending.body().senderAddress().equals(me)) {
                nonce = Math.max(nonce, pending.body().nonce() + 1); // an earlier proof not yet mined
            }
        }
        SignedTransaction tx = SignedTransaction.sign(
                new TxBody(chain.genesis().chainId(), key.publicKey(), nonce, Amount.ZERO, report.payload()), key);
        LOG.info(
                "{}: the work of the block at height {} departs at segment {}: fraud proof {} sent{}",
                name,
                report.payload().height(),
                report.payload().segment(),
                tx.hash().shortHex(),
                report.payload().roundKeys().isEmpty()
                        ? ""
                        : " with the round's " + report.payload().roundKeys().size() + " keys");
        network.broadcast(new GossipMessage.FraudProof(tx, report.opening()));
    }

    /** One won round to replay, from the tip it was built on. */
    private static final class Audit {
        private final ChainTip parent;
        private final Block block;
        double cpuSeconds;

        Audit(ChainTip parent, Block block) {
            this.parent = parent;
            this.block = block;
        }

        ChainTip parent() {
            return parent;
        }

        Block block() {
            return block;
        }
    }
}
