package io.learnchain.learn.rl;

import io.learnchain.base.rng.SplitMix64;

/**
 * A deterministic task: a pure function of (state, action, seed). The chain calls
 * {@code step(S_t, A_t, new SplitMix64(H(previous block)))} and checks S_{t+1} and R_{t+1}; after a
 * step with {@code done} the next state is {@code reset(seed)} with the seed drawn from the block hash
 * the same way. All arithmetic is float32 with {@link StrictMath}; implementations hold only constants.
 */
public sealed interface Environment permits CartPole, GridWorld, InventoryControl {

    /** The name genesis uses, e.g. "cartpole". */
    String name();

    int observationSize();

    int actionCount();

    /** Whether episodes end ({@code false}: the task runs forever and {@code done} is never set). */
    boolean episodic();

    /** A start state drawn from {@code seed}, tick 0. */
    EnvState reset(long seed);

    /** One step; {@code rng} is the step's randomness (tasks that need none leave it untouched). */
    StepResult step(EnvState state, int action, SplitMix64 rng);

    /** Rejects an action outside [0, actionCount) and a state of the wrong size. */
    default void check(EnvState state, int action) {
        if (action < 0 || action >= actionCount()) {
            throw new IllegalArgumentException(name() + " has actions 0.." + (actionCount() - 1) + ", got " + action);
        }
        if (state.size() != observationSize()) {
            throw new IllegalArgumentException(
                    name() + " states hold " + observationSize() + " values, got " + state.size());
        }
    }

    /** The environment of a genesis name: cartpole, gridworld or inventory. */
    static Environment byName(String name) {
        return switch (name) {
            case "cartpole" -> new CartPole();
            case "gridworld" -> new GridWorld();
            case "inventory" -> new InventoryControl();
            case null, default ->
                throw new IllegalArgumentException(
                        "unknown environment '" + name + "'; known: cartpole, gridworld, inventory");
        };
    }
}
