package io.learnchain.node.pole;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import io.learnchain.node.mempool.Admission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data node (PROTOCOL.md 3.1, 3.4): posts a task with its test shards kept in the node's blob
 * store (so reveals survive a restart: the chain says which round is due, the blobs hold the
 * data), and reveals each round's chosen shard once the minimum phase time has passed and a grace
 * period after the round's first commitment. Owns no thread and reads no clock.
 */
public final class RequesterRole {
    private static final Logger LOG = LoggerFactory.getLogger(RequesterRole.class);
    private final String name;
    private final KeyPair key;
    private final ChainService chain;
    private final BlobStore blobs;
    private final GossipNetwork network;
    private final Scheduler scheduler;
    private final Consumer<PoleEvent> events;
    private final long revealGraceMillis;
    private final MasterKeys masterKeys;
    private final Set<Hash> scheduled = new HashSet<>();
    /** The private rounds whose keys this requester released (by parent), with the keys its reveal carries. */
    private final Map<Hash, List<FunctionalKey>> released = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, List<FunctionalKey>> eldest) {
            return size() > 64;
        }
    };
    /** Tasks this requester withdrew: it reveals none of their rounds again. */
    private final Set<Long> withdrawn = new HashSet<>();
    /** Cancels to sign once no reveal of this requester is waiting for its block (task id -> fee). */
    private final Map<Long, Amount> cancelsWaiting = new LinkedHashMap<>();

    private Round.Learning due;
    /** The tip whose round this requester revealed; its reveal holds the next nonce until that round's block. */
    private Hash revealedOn;

    /** What became of a cancel: signed and offered to the network, or waiting for the round whose reveal is out. */
    public sealed interface Cancel {
        record Submitted(SignedTransaction tx) implements Cancel {}

        record Waiting(String why) implements Cancel {}

        /** Not cancelled: why, as a reason the API maps to its answer, and in words. */
        record Refused(Refusal reason, String why) implements Cancel {}
    }

    /** Why a cancel is refused. */
    public enum Refusal {
        UNKNOWN_TASK,
        NOT_YOURS,
        NOT_OPEN,
        /** The node's mempool refused the CancelTask (the words say why). */
        REJECTED
    }

    /**
     * {@code revealGraceMillis}: how long after the first commitment of a round the reveal waits
     * for more (PoLe's data node waits for several solutions; a commitment that reaches a node after
     * the reveal is refused there, so the grace should cover the network's latency).
     */
    public RequesterRole(
            String name,
            KeyPair key,
            ChainService chain,
            BlobStore blobs,
            GossipNetwork network,
            Scheduler scheduler,
            Consumer<PoleEvent> events,
            long revealGraceMillis) {
        this(name, key, chain, blobs, network, scheduler, events, revealGraceMillis, MasterKeys.inMemory());
    }

    /** As above, with the master keys of this data node's private tasks in {@code masterKeys} (PROTOCOL.md 3.9). */
    public RequesterRole(
            String name,
            KeyPair key,
            ChainService chain,
            BlobStore blobs,
            GossipNetwork network,
            Scheduler scheduler,
            Consumer<PoleEvent> events,
            long revealGraceMillis,
            MasterKeys masterKeys) {
        this.masterKeys = masterKeys;
        this.name = name;
        this.key = key;
        this.chain = chain;
        this.blobs = blobs;
        this.network = network;
        this.scheduler = scheduler;
        this.events = events;
        this.revealGraceMillis = revealGraceMillis;
    }

    public Address address() {
        return Address.of(key.publicKey());
    }

    /**
     * Stores the shards, signs a PostTask with this requester's next nonce and offers it to the
     * node's mempool and the network. Returns the transaction.
     *
     * @throws IllegalArgumentException when the shards do not hash to the terms' shard hashes, or
     *     the mempool refuses the transaction (the message says why)
     */
    public SignedTransaction post(PostTask terms, List<byte[]> shards, Amount fee) {
        return post(terms, shards, fee, Optional.empty());
    }

    /**
     * As above; a private task's {@code masterKey} (the key its training set is encrypted under) is
     * kept first, so every round's keys can be released, after a restart too.
     */
    public SignedTransaction post(
            PostTask terms, List<byte[]> shards, Amount fee, Optional<MasterSecretKey> masterKey) {
        if (terms.isPrivate() != masterKey.isPresent()) {
            throw new IllegalArgumentException(
                    terms.isPrivate()
                            ? "a private task needs its master key"
                            : "a task in the clear has no master key");
        }
        masterKey.ifPresent(k -> masterKeys.keep(terms.trainingSet(), k));
        if (shards.size() != terms.shardHashes().size()) {
            throw new IllegalArgumentException(
                    "the task names " + terms.shardHashes().size() + " shards, " + shards.size() + " were given");
        }
        for (int i = 0; i < shards.size(); i++) {
            Hash stored = put(shards.get(i));
            if (!stored.equals(terms.shardHashes().get(i))) {
                throw new IllegalArgumentException("shard " + i + " hashes to " + stored.toHex() + ", the task names "
                        + terms.shardHashes().get(i).toHex());
            }
        }
        SignedTransaction tx = sign(terms, fee);
        if (chain.submitTransaction(tx) instanceof Admission.Rejected r) {
            throw new IllegalArgumentException("the node refused the task: " + r.reason() + ": " + r.message());
        }
        network.broadcast(new GossipMessage.Transaction(tx));
        return tx;
    }

    private SignedTransaction sign(Payload payload, Amount fee) {
        long nonce =
                chain.mempool().nextNonce(address(), chain.account(address()).nonce());
        return SignedTransaction.sign(new TxBody(chain.genesis().chainId(), key.publicKey(), nonce, fee, payload), key);
    }

    /**
     * Withdraws task {@code taskId} (issue 19): this requester reveals none of its rounds again, and
     * signs a CancelTask (escrow back less the penalty) as soon as no reveal of its own waits for its
     * block, since that reveal holds the nonce the cancel would take: at once, or after the block of a
     * round it has already revealed (that round is decided and paid as usual). A round not yet revealed
     * is forfeited, as for a silent requester, and the cancel is mined with or after it.
     *
     * <p>A task that is unknown, not this requester's or not open is {@link Cancel.Refused}.
     */
    public Cancel cancel(long taskId, Amount fee) {
        Optional<TaskState> found = chain.head().tip().state().tasks().get(taskId);
        if (found.isEmpty()) {
            return new Cancel.Refused(
                    Refusal.UNKNOWN_TASK,
                    "there is no task " + taskId + " on the chain"
                            + " (a task just posted can be cancelled once a block includes it)");
        }
        TaskState task = found.get();
        if (!task.requester().equals(address())) {
            return new Cancel.Refused(
                    Refusal.NOT_YOURS,
                    "task " + taskId + " was posted by " + task.requester() + ", not by this node's key " + address()
                            + ": only its requester may cancel it");
        }
        if (!task.isOpen()) {
            return new Cancel.Refused(
                    Refusal.NOT_OPEN,
                    "task " + taskId + " is already " + task.status().name().toLowerCase(Locale.ROOT));
        }
        if (!withdrawn.add(taskId)) {
            return new Cancel.Waiting("this node is cancelling task " + taskId + " already; it closes when a block"
                    + " includes the cancel");
        }
        cancelsWaiting.put(taskId, fee);
        Cancel outcome = submitWaitingCancels().get(taskId);
        return outcome != null
                ? outcome
                : new Cancel.Waiting(
                        cancelsWaiting.containsKey(taskId)
                                ? "this node has revealed the test shard of the round in progress, so that round is"
                                        + " decided and paid first; the cancel is signed when its block arrives"
                                : "the task closed meanwhile");
    }

    /**
     * Signs and offers the waiting cancels whose nonce is free now; returns what became of each it
     * tried (submitted, or refused by the mempool: then the task is no longer withdrawn and its
     * rounds are revealed again).
     */
    private Map<Long, Cancel> submitWaitingCancels() {
        if (cancelsWaiting.isEmpty() || chain.head().hash().equals(revealedOn)) {
            return Map.of();
        }
        if (due != null && !withdrawn.contains(due.taskId())) {
            return Map.of(); // another task of ours is in a round: its reveal takes the next nonce
        }
        Map<Long, Cancel> tried = new LinkedHashMap<>();
        for (var it = cancelsWaiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Amount> waiting = it.next();
            it.remove();
            boolean open = chain.head()
                    .tip()
                    .state()
                    .tasks()
                    .get(waiting.getKey())
                    .map(TaskState::isOpen)
                    .orElse(false);
            if (!open) {
                continue;
            }
            SignedTransaction tx = sign(new CancelTask(waiting.getKey()), waiting.getValue());
            if (chain.submitTransaction(tx) instanceof Admission.Rejected r) {
                withdrawn.remove(waiting.getKey());
                String why = "the node refused the cancel of task " + waiting.getKey() + ": " + r.reason() + ": "
                        + r.message();
                LOG.warn("{}: {}", name, why);
                tried.put(waiting.getKey(), new Cancel.Refused(Refusal.REJECTED, why));
                continue;
            }
            network.broadcast(new GossipMessage.Transaction(tx));
            LOG.info(
                    "{}: cancel of task {} signed ({}); it closes when a block includes it",
                    name,
                    waiting.getKey(),
                    tx.hash().shortHex());
            tried.put(waiting.getKey(), new Cancel.Submitted(tx));
        }
        return tried;
    }

    private Hash put(byte[] bytes) {
        try {
            return blobs.put(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a test shard: " + e.getMessage(), e);
        }
    }

    /** The tip changed: is one of this requester's rounds due? */
    public void onTip() {
        due = null;
        if (RoundDriver.round(chain.head().tip(), chain.rules()) instanceof Round.Learning l
                && l.task().requester().equals(address())) {
            due = l;
            if (l.task().terms().isPrivate() && !withdrawn.contains(l.taskId())) {
                releaseKeys(l);
            }
        }
        submitWaitingCancels();
    }

    /**
     * A private round began (PROTOCOL.md 3.9): the k functional keys of its rows, derived from the
     * task's master key, signed and gossiped, so miners can decrypt the round's features; the same
     * keys go into the reveal. Without the master key the round cannot be keyed: it forfeits.
     */
    private void releaseKeys(Round.Learning round) {
        if (released.containsKey(round.previous())) {
            return;
        }
        ProjectionSpec spec = round.task().terms().privacy().orElseThrow();
        Optional<MasterSecretKey> master;
        try {
            master = masterKeys.find(round.task().terms().trainingSet());
        } catch (RuntimeException e) {
            LOG.error("{}: {}", name, e.getMessage());
            master = Optional.empty();
        }
        if (master.isEmpty()) {
            LOG.warn(
                    "{}: no master key of private task {} here (its training set {} was encrypted elsewhere, or the"
                            + " key file is gone): its round on {} cannot be keyed and forfeits",
                    name,
                    round.taskId(),
                    round.task().terms().trainingSet().shortHex(),
                    round.previous().shortHex());
            released.put(round.previous(), List.of());
            return;
        }
        List<FunctionalKey> keys = RoundFeatures.deriveKeys(spec, master.get(), round.roundKey());
        released.put(round.previous(), keys);
        RoundKeyRelease release =
                RoundKeyRelease.sign(key, chain.genesis().chainId(), round.taskId(), round.previous(), keys);
        events.accept(new PoleEvent.KeysReleased(name, round.previous(), round.taskId(), keys.size()));
        network.broadcast(new GossipMessage.RoundKeys(key.publicKey(), release));
    }

    /** A commitment arrived: the first one for a due round schedules the reveal (not before the minimum phase). */
    public void onCommitment(Commitment commitment) {
        Round.Learning round = due;
        if (round == null
                || withdrawn.contains(round.taskId())
                || !commitment.previous().equals(round.previous())
                || !scheduled.add(round.previous())) {
            return;
        }
        long wait = Math.max(revealGraceMillis, round.revealNotBefore() * 1000 - scheduler.nowMillis());
        scheduler.after(wait, () -> reveal(round));
    }

    private void reveal(Round.Learning round) {
        if (!chain.head().hash().equals(round.previous()) || withdrawn.contains(round.taskId())) {
            return;
        }
        Optional<byte[]> shard;
        try {
            shard = blobs.get(round.shardHash());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read test shard " + round.shardHash().toHex(), e);
        }
        if (shard.isEmpty()) {
            return; // not this requester's data (another node posted it): nothing to reveal
        }
        List<FunctionalKey> keys = List.of();
        if (round.task().terms().isPrivate()) {
            keys = released.getOrDefault(round.previous(), List.of());
            if (keys.isEmpty()) {
                return; // a private round this requester could not key: no reveal is valid without its keys
            }
        }
        SignedTransaction tx = sign(
                new RevealShard(
                        round.taskId(),
                        round.previous(),
                        round.shardIndex(),
                        round.shardHash(),
                        chain.witnessedCommitments(round.previous(), round.taskId()),
                        keys),
                Amount.ZERO);
        revealedOn = round.previous();
        events.accept(new PoleEvent.Revealed(name, round.previous(), round.taskId(), round.shardIndex()));
        network.broadcast(new GossipMessage.ShardReveal(tx, shard.get()));
    }
}
