package io.learnchain.node.dqn;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.event.DqnEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One full node's part on a {@code dqn} chain: it imports the blocks and transactions its peers
 * send (the chain validates each step against its parent and fork choice picks the best tip),
 * keeps blocks whose parent has not arrived yet until it does, holds a block stamped in the near
 * future (at most the genesis's future tolerance; a dqn block is taken only once its slot has begun)
 * until its time, and starts its optional
 * {@link DqnMinerRole} (which proposes in slots on the current tip). Speaks the same {@link GossipMessage}s over the same
 * {@link GossipNetwork} and {@link Scheduler} ports as the pole roles (dqn uses only transactions and
 * blocks).
 */
public final class DqnNode {
    private final String name;
    private final ChainService chain;
    private final Scheduler scheduler;
    private final GossipNetwork peers;
    private final Consumer<DqnEvent> events;
    private final Map<Hash, List<Block>> orphans = new HashMap<>();
    private Optional<DqnMinerRole> miner = Optional.empty();

    public DqnNode(
            String name, ChainService chain, Scheduler scheduler, GossipNetwork peers, Consumer<DqnEvent> events) {
        if (chain.rules().dqn().isEmpty()) {
            throw new IllegalArgumentException("a dqn node needs a dqn chain; the genesis engine is "
                    + chain.genesis().engine().name());
        }
        this.name = name;
        this.chain = chain;
        this.scheduler = scheduler;
        this.peers = peers;
        this.events = events;
    }

    /** The network this node's roles send through: to every peer, and to this node itself. */
    public GossipNetwork outbound() {
        return message -> {
            peers.broadcast(message);
            scheduler.after(0, () -> receive(name, message));
        };
    }

    public void attach(DqnMinerRole role) {
        miner = Optional.of(role);
    }

    public Optional<DqnMinerRole> miner() {
        return miner;
    }

    public void start() {
        miner.ifPresent(DqnMinerRole::start);
    }

    public String name() {
        return name;
    }

    public ChainService chain() {
        return chain;
    }

    /** Handles one message from a peer. */
    public void receive(String from, GossipMessage message) {
        switch (message) {
            case GossipMessage.Transaction t -> chain.submitTransaction(t.tx());
            case GossipMessage.BlockMsg b -> importBlock(b.block());
            case GossipMessage.PoleRound p -> {} // a proof-of-learning round's message: no part of a dqn chain
        }
    }

    private void importBlock(Block block) {
        ImportResult result = chain.importBlock(block);
        if (result instanceof ImportResult.Deferred d && d.reason() == UndecidedReason.UNKNOWN_PARENT) {
            orphans.computeIfAbsent(block.header().previous(), k -> new ArrayList<>())
                    .add(block);
            return;
        }
        if (result instanceof ImportResult.Deferred d && d.reason() == UndecidedReason.FUTURE_TIMESTAMP) {
            long wait = block.header().timestamp() * 1000 - scheduler.nowMillis();
            if (wait <= chain.rules().maxFutureSeconds() * 1000) {
                scheduler.after(Math.max(wait, 0), () -> importBlock(block)); // a clock ahead of ours: retry in time
            }
            return;
        }
        if (result instanceof ImportResult.Rejected r) {
            events.accept(new DqnEvent.Rejected(name, block.hash(), r.reason() + ": " + r.detail()));
        }
        List<Block> waiting = orphans.remove(block.hash());
        if (waiting != null) {
            waiting.forEach(this::importBlock);
        }
    }
}
