package io.learnchain.node.dqn;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.dqn.DqnBlockBuilder;
import io.learnchain.chain.dqn.DqnRules;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.rl.DqnAgent;
import io.learnchain.learn.rl.DqnTrainingRecord;
import io.learnchain.learn.rl.EnvState;
import io.learnchain.learn.rl.Environment;
import io.learnchain.learn.rl.Transition;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.DqnEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The miner of one node on a {@code dqn} chain (PROTOCOL.md 4, paper 000 steps 1-7). It keeps its
 * own learner ({@link DqnAgent}: Q-network, target network, replay buffer, epsilon schedule; never
 * shared). Blocks are proposed in slots: at every multiple of the slot length on the scheduler's
 * clock every miner takes its current tip (by then the competing blocks of the last slot have met
 * and fork choice has kept the best), stores the tip's transition (S_{t-1}, A_{t-1}, R_t, S_t),
 * trains on sampled batches, acts epsilon-greedily in S_t, steps the environment, and proposes
 * block t+1 with the training record; the network's fork choice picks among the proposals. So
 * every miner proposes once per height, and N miners mean N proposals per block. Owns no thread and reads
 * no clock: work runs on the {@link Scheduler}, blocks go out through the {@link GossipNetwork}.
 *
 * <p>The learner stores the transition of every tip it builds on. When a late sibling replaces a
 * tip it already built on, both transitions stay in its replay buffer (a local effect: training is
 * a node's own, only its record is published).
 */
public final class DqnMinerRole {
    private final String name;
    private final KeyPair key;
    private final ChainService chain;
    private final GossipNetwork network;
    private final Scheduler scheduler;
    private final Consumer<DqnEvent> events;
    private final DqnLearner learner;
    private final DqnActionChoice choice;
    private final Environment env;
    private final long slotMillis;
    private Hash observed;

    /**
     * @param seed the node's own seed: the learner's initialisation, exploration and batch seeds
     *     are drawn from streams of it
     * @param slotMillis the proposal period (longer than the network's delivery time, so competing
     *     blocks meet before the next slot)
     */
    public DqnMinerRole(
            String name,
            KeyPair key,
            ChainService chain,
            GossipNetwork network,
            Scheduler scheduler,
            Consumer<DqnEvent> events,
            ComputePool pool,
            long seed,
            long slotMillis,
            DqnActionChoice choice) {
        DqnParameters params = chain.rules()
                .dqn()
                .orElseThrow(() -> new IllegalArgumentException("a dqn miner needs a dqn chain; the genesis engine is "
                        + chain.genesis().engine().name()));
        this.name = name;
        this.key = key;
        this.chain = chain;
        this.network = network;
        this.scheduler = scheduler;
        this.events = events;
        this.env = params.env();
        if (slotMillis < 1) {
            throw new IllegalArgumentException("the slot must be at least 1 ms, got " + slotMillis);
        }
        this.slotMillis = slotMillis;
        this.learner = new DqnLearner(params, seed, pool);
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    public KeyPair key() {
        return key;
    }

    /** The learner (read-only use: greedy evaluation, hashes). */
    public DqnAgent agent() {
        return learner.agent();
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
        observeTip(tip);
        long height = tip.height().value();
        DqnLearner.Work work = learner.work(height, DqnRules.startState(tip, env));
        DqnTrainingRecord record = work.record();
        int action = switch (choice) {
            case LEARNER -> work.action();
            case LOOKAHEAD -> bestByLookahead(tip);
        };
        Block block = DqnBlockBuilder.build(
                tip,
                chain.rules(),
                key,
                action,
                record,
                chain.mempool().select(tip.state(), 1_000),
                Math.max(tip.timestamp(), scheduler.nowSeconds()),
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

    /** The action whose step from {@code tip} earns the highest shaped reward (lowest index on ties). */
    private int bestByLookahead(ChainTip tip) {
        int best = 0;
        long bestReward = Long.MIN_VALUE;
        for (int a = 0; a < env.actionCount(); a++) {
            long reward = DqnRules.step(tip, env, a).reward();
            if (reward > bestReward) {
                best = a;
                bestReward = reward;
            }
        }
        return best;
    }

    /** Stores the transition of the tip block once (not for the genesis). */
    private void observeTip(ChainTip tip) {
        Optional<DqnProof> proof = tip.dqn();
        if (proof.isEmpty() || tip.hash().equals(observed)) {
            return;
        }
        observed = tip.hash();
        BlockHeader header = chain.block(tip.hash()).orElseThrow().header();
        Optional<DqnProof> parentProof = header.height().value() <= 1
                ? Optional.empty()
                : chain.block(header.previous()).map(b -> (DqnProof) b.header().proof());
        EnvState start = DqnRules.startState(header.previous(), parentProof, env);
        DqnProof p = proof.get();
        learner.observe(Transition.of(start, p.action(), p.step()));
    }
}
