package io.learnchain.node.dqn;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.DqnEvent;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place that assembles a node's dqn roles (the wiring of a real node and of
 * {@code learnchain devnet --engine dqn}): a {@link DqnNode} on the chain, with a
 * {@link DqnMinerRole} when the node has a miner key. Callers pick this factory when
 * {@code chain.rules().dqn()} is present; nothing else outside the chain needs to know the engine.
 */
public final class DqnRoles {
    /** The default proposal slot of a real node: one block per second. */
    public static final long DEFAULT_SLOT_MILLIS = 1_000;

    private DqnRoles() {}

    /** Whether {@code chain} runs the dqn engine. */
    public static boolean applies(ChainService chain) {
        return chain.rules().dqn().isPresent();
    }

    /**
     * Builds (not starts) the node's dqn roles.
     *
     * @param minerKey the miner's key; empty for a node that only follows the chain
     * @param seed the miner's own seed (learner initialisation, exploration, batches)
     * @param slotMillis the proposal period; longer than the network's delivery time
     */
    public static DqnNode create(
            String name,
            ChainService chain,
            Optional<KeyPair> minerKey,
            Scheduler scheduler,
            GossipNetwork peers,
            Consumer<DqnEvent> events,
            ComputePool pool,
            long seed,
            long slotMillis) {
        return create(name, chain, minerKey, scheduler, peers, events, pool, seed, slotMillis, DqnActionChoice.LEARNER);
    }

    /** As above, with the miner picking its actions by {@code choice} (simulations field adversaries). */
    public static DqnNode create(
            String name,
            ChainService chain,
            Optional<KeyPair> minerKey,
            Scheduler scheduler,
            GossipNetwork peers,
            Consumer<DqnEvent> events,
            ComputePool pool,
            long seed,
            long slotMillis,
            DqnActionChoice choice) {
        DqnNode node = new DqnNode(name, chain, scheduler, peers, events);
        minerKey.ifPresent(key -> node.attach(new DqnMinerRole(
                name, key, chain, node.outbound(), scheduler, events, pool, seed, slotMillis, choice)));
        return node;
    }
}
