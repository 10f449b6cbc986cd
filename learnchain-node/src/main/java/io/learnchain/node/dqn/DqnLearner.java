package io.learnchain.node.dqn;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.rl.DqnAgent;
import io.learnchain.learn.rl.DqnTrainingRecord;
import io.learnchain.learn.rl.EnvState;
import io.learnchain.learn.rl.Transition;

/**
 * One node's learner as a dqn miner drives it, one slot at a time: store the transition of the tip
 * it builds on, train, act. Every random draw comes from a stream of the node's seed and the tip's
 * height, so the learner is a pure function of genesis, the tips it built on and that seed: whoever
 * is given the seed can replay every record and action the miner published ({@link DqnAudit}).
 */
public final class DqnLearner {
    private final DqnAgent agent;
    private final long seed;

    /** What the learner did for the block it proposes on a tip. */
    public record Work(DqnTrainingRecord record, int action) {}

    public DqnLearner(DqnParameters params, long seed, ComputePool pool) {
        this.seed = seed;
        this.agent = DqnAgent.create(
                params.hyperparameters(), SplitMix64.derive(seed, 0).nextLong(), pool);
    }

    public DqnAgent agent() {
        return agent;
    }

    /** Stores the tip block's transition (S_{t-1}, A_{t-1}, R_t, S_t) and advances exploration. */
    public void observe(Transition t) {
        agent.observe(t);
    }

    /** Trains for the block after the tip at {@code tipHeight}, then acts epsilon-greedily in {@code state}. */
    public Work work(long tipHeight, EnvState state) {
        DqnTrainingRecord record =
                agent.train(SplitMix64.derive(seed, 2 * tipHeight + 2).nextLong());
        int action = agent.act(state, SplitMix64.derive(seed, 2 * tipHeight + 1));
        return new Work(record, action);
    }
}
