package io.learnchain.node.chain;

import java.util.Locale;

/**
 * How thoroughly blocks are checked (PROTOCOL.md 3.6-3.7). {@code segments}, the default, is what
 * the consensus rules ask of every node for every pole block: the claimed score re-evaluated on
 * the revealed shard, the training accuracy on a chain-chosen sample, and the work: the segments
 * the chain challenged replayed bit-exactly from the checkpoints the miner opened (about a tenth
 * of the training). {@code replay} also re-trains each synced model from its record and compares
 * every checkpoint (one training run per block); a mismatch names the first false segment.
 * {@code accuracy}, the old name of the default level, is still read as {@code segments}.
 */
public enum VerifyLevel {
    SEGMENTS,
    REPLAY;

    /** The most training steps a replay re-runs; a record asking for more leaves the block undecided. */
    public long maxReplaySteps() {
        return 1_000_000L;
    }

    /** Parses {@code segments} or {@code replay} (any case; {@code accuracy} means {@code segments}). */
    public static VerifyLevel parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "segments", "accuracy" -> SEGMENTS;
            case "replay" -> REPLAY;
            default -> throw new IllegalArgumentException("--verify must be segments or replay, got '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
