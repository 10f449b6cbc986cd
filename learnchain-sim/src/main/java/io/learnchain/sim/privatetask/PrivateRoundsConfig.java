package io.learnchain.sim.privatetask;

import io.learnchain.chain.privacy.ProjectionSpec;
import java.util.Objects;

/**
 * A private-task simulation: {@code rounds} rounds of a task on the first {@code samples} training
 * samples, each trained for {@code steps} steps of batch {@code batch} with Adam at
 * {@code learningRate}, through the projection layer {@code projection}.
 */
public record PrivateRoundsConfig(
        int rounds, long seed, int samples, long steps, int batch, float learningRate, ProjectionSpec projection) {
    public PrivateRoundsConfig {
        Objects.requireNonNull(projection, "projection");
        if (rounds < 1 || rounds > projection.maxRounds()) {
            throw new IllegalArgumentException("a private task runs 1.." + projection.maxRounds() + " rounds (fewer"
                    + " than n / k, docs/protocol.md 3.9), got " + rounds);
        }
        if (samples < batch || batch < 1) {
            throw new IllegalArgumentException("need at least one batch of " + batch + " samples, got " + samples);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
    }
}
