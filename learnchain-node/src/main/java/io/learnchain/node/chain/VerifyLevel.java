package io.learnchain.node.chain;

import java.util.Locale;

/**
 * How thoroughly synced blocks are checked (PROTOCOL.md 3.6): {@code accuracy} re-evaluates each
 * pole block's claimed score on its revealed shard; {@code replay} also re-trains the model from
 * its training record and compares the weight hash (one training run per block).
 */
public enum VerifyLevel {
    ACCURACY,
    REPLAY;

    /** The most training steps a replay re-runs; a record asking for more leaves the block undecided. */
    public long maxReplaySteps() {
        return 1_000_000L;
    }

    /** Parses {@code accuracy} or {@code replay} (any case). */
    public static VerifyLevel parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "accuracy" -> ACCURACY;
            case "replay" -> REPLAY;
            default -> throw new IllegalArgumentException("--verify must be accuracy or replay, got '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
