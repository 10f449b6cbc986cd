package io.learnchain.node.dqn;

import io.learnchain.base.crypto.KeyPair;
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
    private DqnRoles() {}

    /** Whether {@code chain} runs the dqn engine. */
    public static boolean applies(ChainService chain) {
        return chain.rules().dqn().isPresent();
    }

    /** The proposal slot of a chain: its genesis's block time (the slot rule counts in it). */
    public static long slotMillis(ChainService chain) {
        return chain.rules().targetBlockSeconds() * 1000;
    }

    /**
     * Builds (not starts) the node's dqn roles.
     *
     * @param minerKey the miner's key; empty for a node that only follows the chain
     */
    public static DqnNode create(
            String name,
            ChainService chain,
            Optional<KeyPair> minerKey,
            Scheduler scheduler,
            GossipNetwork peers,
            Consumer<DqnEvent> events) {
        return create(name, chain, minerKey, scheduler, peers, events, DqnActionChoice.LEARNER);
    }

    /** As above, with the miner picking its actions by {@code choice} (simulations field adversaries). */
    public static DqnNode create(
            String name,
            ChainService chain,
            Optional<KeyPair> minerKey,
            Scheduler scheduler,
            GossipNetwork peers,
            Consumer<DqnEvent> events,
            DqnActionChoice choice) {
        DqnNode node = new DqnNode(name, chain, scheduler, peers, events);
        minerKey.ifPresent(key -> node.attach(
                new DqnMinerRole(name, key, chain, node.outbound(), scheduler, events, slotMillis(chain), choice)));
        return node;
    }
}
