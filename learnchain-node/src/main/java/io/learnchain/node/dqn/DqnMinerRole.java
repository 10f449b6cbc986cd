package io.learnchain.node.dqn;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.dqn.DqnBlockBuilder;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.learn.rl.DqnAgent;
import io.learnchain.learn.rl.DqnTrainingRecord;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.DqnEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The miner of one node on a {@code dqn} chain (PROTOCOL.md 4, paper 000 steps 1-7). Its learner is
 * its key's public learner ({@link io.learnchain.chain.dqn.PublicLearner}: Q-network, target network,
 * replay of the branch's transitions, epsilon schedule, every draw from the key and the chain), which
 * every node rebuilds to check its blocks. Blocks are proposed in slots: at every multiple of the
 * slot length on the scheduler's clock every miner takes its current tip (by then the competing
 * blocks of the last slot have met and fork choice has kept the best); its learner has stored the
 * tip's transition and trained; it acts epsilon-greedily in S_t, steps the environment, and
 * proposes block t+1 with the training record, stamped with the slot's start. So every miner
 * proposes once per height, and N miners mean N proposals per block. Owns no thread and reads no
 * clock: work runs on the {@link Scheduler}, blocks go out through the {@link GossipNetwork}.
 */
public final class DqnMinerRole {
    private final String name;
    private final KeyPair key;
    private final ChainService chain;
    private final GossipNetwork network;
    private final Scheduler scheduler;
    private final Consumer<DqnEvent> events;
    private final DqnActionChoice choice;
    private final long slotMillis;

    /**
     * @param slotMillis the proposal period, the genesis's block time (longer than the network's
     *     delivery time, so competing blocks meet before the next slot)
     */
    public DqnMinerRole(
            String name,
            KeyPair key,
            ChainService chain,
            GossipNetwork network,
            Scheduler scheduler,
            Consumer<DqnEvent> events,
            long slotMillis,
            DqnActionChoice choice) {
        chain.rules()
                .dqn()
                .orElseThrow(() -> new IllegalArgumentException("a dqn miner needs a dqn chain; the genesis engine is "
                        + chain.genesis().engine().name()));
        this.name = name;
        this.key = key;
        this.chain = chain;
        this.network = network;
        this.scheduler = scheduler;
        this.events = events;
        if (slotMillis < 1) {
            throw new IllegalArgumentException("the slot must be at least 1 ms, got " + slotMillis);
        }
        this.slotMillis = slotMillis;
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    public KeyPair key() {
        return key;
    }

    /** A copy of this miner's public learner at the current tip (greedy evaluation, hashes). */
    public DqnAgent agent() {
        return chain.learner(chain.head().hash(), key.publicKey()).orElseThrow().agent();
    }

    /** Starts proposing at the next slot boundary. */
    public void start() {
        scheduleNextSlot();
    }

    private void scheduleNextSlot() {
        long now = scheduler.nowMillis();
        scheduler.after(slotMillis - Math.floorMod(now, slotMillis), this::propose);
    }

    private void propose() {
        scheduleNextSlot();
        ChainTip tip = chain.head().tip();
        long earliest = DqnBlockBuilder.earliestTimestamp(tip, chain.rules());
        if (earliest > scheduler.nowSeconds()) {
            return; // the tip is of this slot already (a clock behind the network's): wait for the next
        }
        long height = tip.height().value();
        DqnLearners.Work work = chain.learnerWork(tip.hash(), key.publicKey()).orElseThrow();
        DqnTrainingRecord record = work.record();
        int action = choice.action(tip, chain.rules(), work);
        Block block = DqnBlockBuilder.build(
                tip,
                chain.rules(),
                key,
                action,
                record,
                chain.mempool().select(tip.state(), 1_000),
                scheduler.nowSeconds(),
                chain.signatureVerifier());
        DqnProof proof = (DqnProof) block.header().proof();
        events.accept(new DqnEvent.Proposed(
                name,
                block.hash(),
                height + 1,
                action,
                proof.reward(),
                record.batchSeeds().size()));
        chain.importBlock(block);
        network.broadcast(new GossipMessage.BlockMsg(block));
    }
}
