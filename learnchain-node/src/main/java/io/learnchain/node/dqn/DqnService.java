package io.learnchain.node.dqn;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.event.DqnEvent;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.event.Listeners;
import io.learnchain.node.event.NodeEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipPeers;
import io.learnchain.node.gossip.WorkerScheduler;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real node's part on a {@code dqn} chain (the twin of {@code PoleService} for the other engine):
 * one {@link WorkerScheduler} (system clock, one worker thread) runs the roles that
 * {@link DqnRoles#create} assembles (the {@link DqnNode}, and its {@link DqnMinerRole} when the node
 * has a key). Every {@link DqnEvent} goes to the {@link EventBus} as {@link NodeEvent.Dqn}. The miner
 * reads the chain's tip at every slot, so tips moved by sync or the API reach it without a signal.
 *
 * <p>The peer seam: {@link #peers()} is where the peer-to-peer layer attaches its transport
 * (outbound), and {@link #receive} is where it hands in what peers sent (queued onto the worker).
 */
public final class DqnService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DqnService.class);

    private final ChainService chain;
    private final WorkerScheduler scheduler;
    private final GossipPeers peers = new GossipPeers();
    private final DqnNode node;
    private final Listeners<DqnEvent> listeners = new Listeners<>("dqn events");

    private DqnService(String name, ChainService chain, EventBus bus, Clock clock, Optional<KeyPair> key) {
        this.chain = chain;
        this.scheduler = new WorkerScheduler("dqn-worker", clock);
        Consumer<DqnEvent> events = e -> {
            listeners.publish(e);
            bus.publish(new NodeEvent.Dqn(e));
            switch (e) {
                case DqnEvent.Proposed p -> LOG.debug("dqn {}", DqnEventFields.of(e));
                case DqnEvent.Rejected r -> LOG.info("dqn {}", DqnEventFields.of(e));
            }
        };
        this.node = DqnRoles.create(name, chain, key, scheduler, peers, events);
        scheduler.after(0, node::start);
    }

    /**
     * Starts the node's dqn roles on {@code chain} (a chain whose genesis runs engine dqn).
     * {@code key}: the miner's key (empty = follow the chain only); it proposes once per slot, the
     * genesis's block time.
     *
     * @throws IllegalArgumentException when {@code chain} is not a dqn chain
     */
    public static DqnService start(String name, ChainService chain, EventBus bus, Clock clock, Optional<KeyPair> key) {
        DqnService service = new DqnService(name, chain, bus, clock, key);
        String env = chain.rules().dqn().orElseThrow().environment();
        LOG.info(
                "dqn engine started ({}, {}; one proposal per {} ms)",
                env,
                key.isPresent() ? "mining" : "following only",
                DqnRoles.slotMillis(chain));
        return service;
    }

    /** Hears every dqn event, on the worker, before the event bus does (keep it quick). */
    public void addListener(Consumer<DqnEvent> listener) {
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

    public ChainService chain() {
        return chain;
    }

    /** Whether this node proposes blocks (it has a miner key). */
    public boolean isMining() {
        return node.miner().isPresent();
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
