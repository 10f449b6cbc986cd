package io.learnchain.learn.train;

/**
 * How a training record's steps are cut into the segments its work commitment covers (PROTOCOL.md
 * 3.7): {@code K = min(steps, MAX_SEGMENTS)} segments; segment k runs from step
 * {@code floor(k * steps / K)} to {@code floor((k + 1) * steps / K)}, so every segment has at least one
 * step and the segments tile the record exactly. A record of zero steps has no segments.
 */
public final class WorkSegments {
    /** At most this many segments per record: the commitment holds {@code K + 1} checkpoint hashes. */
    public static final int MAX_SEGMENTS = 64;

    private WorkSegments() {}

    /** The number of segments of a record of {@code steps} steps. */
    public static int count(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps cannot be negative, got " + steps);
        }
        return (int) Math.min(steps, MAX_SEGMENTS);
    }

    /** The step at which checkpoint {@code k} (0 to K) is taken. */
    public static long boundary(long steps, int k) {
        int segments = count(steps);
        if (k < 0 || k > segments) {
            throw new IllegalArgumentException("checkpoint " + k + " is outside [0, " + segments + "]");
        }
        return segments == 0 ? 0 : k * steps / segments;
    }
}
