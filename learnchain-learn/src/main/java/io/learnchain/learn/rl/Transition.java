package io.learnchain.learn.rl;

import java.util.Objects;

/**
 * One (S_t, A_t, R_{t+1}, S_{t+1}) of the replay buffer, with the reward as the agent learns it (the
 * shaped fixed-point reward divided by {@link StepResult#SCALE}) and whether S_{t+1} is terminal.
 */
public record Transition(EnvState state, int action, float reward, EnvState next, boolean terminal) {

    public Transition {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(next, "next");
        if (action < 0) {
            throw new IllegalArgumentException("action must be >= 0, got " + action);
        }
        if (!Float.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, got " + reward);
        }
        if (state.size() != next.size()) {
            throw new IllegalArgumentException("state holds " + state.size() + " values, next state " + next.size());
        }
    }

    /** The transition of stepping {@code state} with {@code action} to {@code result}. */
    public static Transition of(EnvState state, int action, StepResult result) {
        return new Transition(state, action, result.rewardValue(), result.next(), result.terminal());
    }
}
