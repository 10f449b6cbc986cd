package io.learnchain.node.pole;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.event.Listeners;
import io.learnchain.node.event.NodeEvent;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipPeers;
import io.learnchain.node.gossip.WorkerScheduler;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real node's proof-of-learning rounds: one {@link WorkerScheduler} (system clock, one worker
 * thread) runs the {@link PoleNode} (verifier), the {@link MinerRole} (when the node has a key)
 * and the {@link RequesterRole} (posts and reveals with the same key). Every {@link PoleEvent}
 * goes to the {@link EventBus} as {@link NodeEvent.Pole} and into the {@link MinerLog}. Tips that
 * move by another path (sync, the API) reach the roles through the event bus.
 *
 * <p>The peer seam: {@link #peers()} is where the peer-to-peer layer attaches its transport
 * (outbound), and {@link #receive} is where it hands in what peers sent (queued onto the worker).
 */
public final class PoleService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoleService.class);
    private static final int LOG_CAPACITY = 200;
    private static final long CALL_TIMEOUT_MILLIS = 60_000;

    private final ChainService chain;
    private final WorkerScheduler scheduler;
    private final GossipPeers peers = new GossipPeers();
    private final PoleNode node;
    private final ComputePool pool;
    private final Optional<MinerRole> miner;
    private final Optional<RequesterRole> requester;
    private final MinerLog log;
    private final EventBus.Subscription tips;
    private final Listeners<PoleEvent> listeners = new Listeners<>("pole events");

    private PoleService(
            String name,
            ChainService chain,
            BlobStore blobs,
            EventBus bus,
            Clock clock,
            ComputePool pool,
            Optional<KeyPair> key,
            PoleConfig config,
            Pacing pacing,
            boolean mine,
            MasterKeys masterKeys) {
        this.chain = chain;
        this.pool = pool;
        this.scheduler = new WorkerScheduler("pole-worker", clock);
        this.log = new MinerLog(LOG_CAPACITY, clock::millis);
        Consumer<PoleEvent> events = e -> {
            log.record(e);
            listeners.publish(e);
            bus.publish(new NodeEvent.Pole(e));
            if (e instanceof PoleEvent.Sealed || e instanceof PoleEvent.CandidateReceived) {
                LOG.debug("{}", PoleEventFields.of(e));
            } else {
                LOG.info("pole {}", PoleEventFields.of(e));
            }
        };
        this.node = new PoleNode(
                name, chain, blobs, scheduler, peers, events, config.candidateWindowMillis(), CpuMeter.process());
        this.miner = key.map(k -> new MinerRole(
                name,
                k,
                chain,
                node.outbound(),
                scheduler,
                events,
                pool,
                config.plan(pacing.idleMeanMillis()),
                MinerStrategy.honest(),
                Hash.sha256(k.publicKey().bytes().unsafeArray()).firstLongLE() ^ clock.millis(),
                CpuMeter.process(),
                config.trainChunkSteps(),
                pacing.minIntervalMillis()));
        this.requester = key.map(k -> new RequesterRole(
                name, k, chain, blobs, node.outbound(), scheduler, events, config.revealGraceMillis(), masterKeys));
        miner.ifPresent(node::attach);
        requester.ifPresent(node::attach);
        // a requester replays the won rounds of its own tasks while their payouts are held (with
        // --verify replay, every task's)
        key.ifPresent(k -> node.attach(new AuditorRole(
                name,
                AuditorRole.keyFor(k),
                chain,
                node.outbound(),
                scheduler,
                events,
                pool,
                config.auditAll() ? task -> true : AuditorRole.tasksOf(Address.of(k.publicKey())),
                CpuMeter.process(),
                config.trainChunkSteps())));
        this.tips = bus.subscribe("pole-tips", event -> {
            if (event instanceof NodeEvent.BlockConnected || event instanceof NodeEvent.Reorganized) {
                scheduler.after(0, node::tipChanged);
            }
        });
        if (!mine) {
            miner.ifPresent(m -> m.setActive(false));
        }
        scheduler.after(0, node::start);
    }

    /** The node's compute pool (a data node encrypts a private task's training set on it). */
    public ComputePool pool() {
        return pool;
    }

    /**
     * Starts the rounds on {@code chain}'s tip, training on {@code pool} (the caller closes it after
     * this service). {@code key}: the node's own key (mines, and posts
     * and reveals tasks); empty = a verifier only. {@code pacing}: when the miner seals idle
     * blocks. {@code mine}: false starts the miner stopped ({@link #setMining}). {@code masterKeys}:
     * where this node keeps the master keys of its private tasks (PROTOCOL.md 3.9).
     */
    public static PoleService start(
            String name,
            ChainService chain,
            BlobStore blobs,
            EventBus bus,
            Clock clock,
            ComputePool pool,
            Optional<KeyPair> key,
            PoleConfig config,
            Pacing pacing,
            boolean mine,
            MasterKeys masterKeys) {
        PoleService service =
                new PoleService(name, chain, blobs, bus, clock, pool, key, config, pacing, mine, masterKeys);
        LOG.info(
                "proof-of-learning rounds started ({}; training {} steps of {} in chunks of {}, {} thread(s))",
                key.isPresent()
                        ? "mining and posting with " + requesterAddress(key.get())
                                + "; replaying the won rounds of "
                                + (config.auditAll() ? "every task" : "its own tasks")
                                + ", fraud-proof bounties to " + requesterAddress(AuditorRole.keyFor(key.get()))
                        : "verifying only",
                config.trainSteps(),
                config.batch(),
                config.trainChunkSteps(),
                pool.threads());
        return service;
    }

    private static String requesterAddress(KeyPair key) {
        return Address.of(key.publicKey()).toString();
    }

    /**
     * When idle blocks are sealed: a random delay of mean {@code idleMeanMillis} (spreads miners
     * out), and not before {@code minIntervalMillis} after the tip's timestamp (a dev chain's
     * {@code --block-time}).
     */
    public record Pacing(long idleMeanMillis, long minIntervalMillis) {
        public Pacing {
            if (idleMeanMillis < 1 || minIntervalMillis < 0) {
                throw new IllegalArgumentException("idle pacing needs a mean >= 1 ms and an interval >= 0, got "
                        + idleMeanMillis + ", " + minIntervalMillis);
            }
        }

        /** A dev chain: one idle block every {@code blockSeconds}. */
        public static Pacing dev(long blockSeconds) {
            return new Pacing(1, blockSeconds * 1000);
        }
    }

    /** Hears every pole event, on the worker, before the event bus does (keep it quick). */
    public void addListener(Consumer<PoleEvent> listener) {
        listeners.add(listener);
    }

    /** Where the peer-to-peer layer attaches its outbound transport. */
    public GossipPeers peers() {
        return peers;
    }

    /** A message from peer {@code from}: handled on the worker, in arrival order. */
    public void receive(String from, GossipMessage message) {
        scheduler.after(0, () -> node.receive(from, message));
    }

    /** Runs {@code work} on the worker (where the roles live) and returns its result. */
    public <T> T onWorker(Callable<T> work) {
        return scheduler.call(work, CALL_TIMEOUT_MILLIS);
    }

    public ChainService chain() {
        return chain;
    }

    public Optional<MinerRole> miner() {
        return miner;
    }

    public Optional<RequesterRole> requester() {
        return requester;
    }

    public MinerLog minerLog() {
        return log;
    }

    /** Whether the miner runs (false without a key). */
    public boolean isMining() {
        return miner.map(MinerRole::isActive).orElse(false);
    }

    /** Starts or stops the miner; false when the node has no key. */
    public boolean setMining(boolean on) {
        if (miner.isEmpty()) {
            return false;
        }
        onWorker(() -> {
            miner.get().setActive(on);
            return null;
        });
        return true;
    }

    @Override
    public void close() {
        tips.close();
        scheduler.close();
    }
}
