package io.learnchain.sim;

import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.learn.rl.CartPole;
import io.learnchain.learn.rl.Environment;
import io.learnchain.learn.rl.GridWorld;
import io.learnchain.learn.rl.InventoryControl;
import java.util.Objects;

/**
 * One dqn simulation run.
 *
 * @param environment genesis name: cartpole, gridworld or inventory
 * @param nodes full nodes, every one a miner with its own learner
 * @param blocks canonical height to reach
 * @param window episodes in the moving average of the chain's returns
 * @param latencyMillis base one-way latency (each message adds a seeded jitter up to it)
 * @param threads compute threads (never changes a result)
 * @param randomPolicy the control experiment: the genesis fixes epsilon at 1, so every miner acts
 *     uniformly at random (it still trains); isolates what fork choice alone does
 * @param untilConverged stop once the chain's moving average reached the threshold ({@code blocks}
 *     is then the most to mine)
 * @param lookaheadMiners adversaries on the last nodes: miners that propose the action a one-step
 *     search by shaped reward finds instead of their learner's choice ({@link io.learnchain.sim.adversary.DqnLookahead})
 */
public record DqnSimConfig(
        String environment,
        ForkOption forkOption,
        int nodes,
        long blocks,
        long seed,
        int window,
        long latencyMillis,
        int threads,
        boolean randomPolicy,
        boolean untilConverged,
        int lookaheadMiners) {
    public DqnSimConfig {
        Objects.requireNonNull(forkOption, "forkOption");
        Environment.byName(environment);
        if (nodes < 1 || nodes > 64) {
            throw new IllegalArgumentException("--nodes must be in [1, 64], got " + nodes);
        }
        if (blocks < 1 || blocks > 10_000_000) {
            throw new IllegalArgumentException("--blocks must be in [1, 10000000], got " + blocks);
        }
        if (window < 1) {
            throw new IllegalArgumentException("--window must be at least 1, got " + window);
        }
        if (lookaheadMiners < 0 || lookaheadMiners > nodes) {
            throw new IllegalArgumentException("--adversary lookahead names " + lookaheadMiners
                    + " miners but the run has " + nodes + " nodes; give at most one per node");
        }
        if (latencyMillis < 0 || threads < 1) {
            throw new IllegalArgumentException("--latency must be >= 0 and --threads >= 1");
        }
    }

    public DqnSimConfig(
            String environment,
            ForkOption forkOption,
            int nodes,
            long blocks,
            long seed,
            int window,
            long latencyMillis,
            int threads) {
        this(environment, forkOption, nodes, blocks, seed, window, latencyMillis, threads, false, false, 0);
    }

    public DqnSimConfig(
            String environment,
            ForkOption forkOption,
            int nodes,
            long blocks,
            long seed,
            int window,
            long latencyMillis,
            int threads,
            boolean randomPolicy) {
        this(environment, forkOption, nodes, blocks, seed, window, latencyMillis, threads, randomPolicy, false, 0);
    }

    /** The same run with another node count and seed (one cell of a sweep). */
    public DqnSimConfig with(int nodes, long seed) {
        return new DqnSimConfig(
                environment,
                forkOption,
                nodes,
                blocks,
                seed,
                window,
                latencyMillis,
                threads,
                randomPolicy,
                untilConverged,
                lookaheadMiners);
    }

    /** Whether node {@code i} is a lookahead adversary (the last {@code lookaheadMiners} nodes are). */
    boolean searches(int i) {
        return i >= nodes - lookaheadMiners;
    }

    /** A new tally of this run's episodes. */
    EpisodeTally tally() {
        return new EpisodeTally(env().episodic(), window, threshold());
    }

    Environment env() {
        return Environment.byName(environment);
    }

    /**
     * The return a task counts as solved, in its own unshaped reward: CartPole's 195 (Gym
     * CartPole-v0); the grid world's 0.8 (the shortest safe path earns 1 - 7 x 0.01 = 0.93); none for
     * inventory control, which has no episodes (NaN).
     */
    double threshold() {
        return switch (env()) {
            case CartPole c -> 195;
            case GridWorld g -> 0.8;
            case InventoryControl i -> Double.NaN;
        };
    }

    /**
     * The proposal slot: long enough for every block of a slot to reach every node (twice the
     * largest latency, plus 100 ms), in whole seconds, since the slot rule counts in the genesis's
     * block time. Time is virtual: a longer slot costs no wall time.
     */
    long slotMillis() {
        return slotSeconds() * 1000;
    }

    /** The genesis's block time: {@link #slotMillis} in seconds. */
    long slotSeconds() {
        return Math.max(1, (4 * latencyMillis + 100 + 999) / 1000);
    }
}
