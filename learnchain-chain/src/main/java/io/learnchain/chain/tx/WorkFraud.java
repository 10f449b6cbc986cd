package io.learnchain.chain.tx;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.WorkSegments;
import java.util.List;
import java.util.Objects;

/**
 * Proves the work behind a won round false while its payout is held (PROTOCOL.md 3.8): names the
 * task and the pole block's height, repeats the block's training record and checkpoint leaves
 * (they must hash to the held work claim), and opens checkpoint {@code segment} (the blob
 * {@code opening}, published with the transaction). Valid only if that segment, replayed from it,
 * does not reach committed leaf {@code segment + 1}: whoever replayed the whole record finds the
 * first such segment, and every node checks the proof by replaying that one.
 *
 * <p>{@code roundKeys}: against a private task's round (PROTOCOL.md 3.9), the k functional keys of
 * that round's rows (the ones its reveal carried), so that every node can decrypt the round's
 * training set and replay the segment on it; empty against a task in the clear. A proof with keys
 * is encoded under its own tag ({@link #KEYED_TAG}): the fields of a plain proof, then the keys, so
 * a proof without them encodes as before.
 */
public record WorkFraud(
        long taskId,
        Height height,
        TrainingRecord record,
        List<Hash> checkpoints,
        int segment,
        Hash opening,
        List<FunctionalKey> roundKeys)
        implements Payload {
    public static final int TAG = 5;
    /** The tag of a proof that carries a private round's keys. */
    public static final int KEYED_TAG = 8;
    /** Keys one proof carries at most (one per row of the widest mapping layer, as a reveal). */
    public static final int MAX_KEYS = ProjectionSpec.MAX_WIDTH;

    public WorkFraud {
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(opening, "opening");
        checkpoints = List.copyOf(checkpoints);
        roundKeys = List.copyOf(roundKeys);
        if (taskId < 1) {
            throw new IllegalArgumentException("task ids start at 1, got " + taskId);
        }
        int k = WorkSegments.count(record.steps());
        if (checkpoints.size() != k + 1) {
            throw new IllegalArgumentException("a record of " + record.steps() + " steps has " + (k + 1)
                    + " checkpoints, got " + checkpoints.size());
        }
        if (segment < 0 || segment >= k) {
            throw new IllegalArgumentException("segment must be in [0, " + k + "), got " + segment);
        }
        if (roundKeys.size() > MAX_KEYS) {
            throw new IllegalArgumentException(
                    "a fraud proof carries at most " + MAX_KEYS + " round keys, got " + roundKeys.size());
        }
    }

    /** A proof against a round of a task in the clear (no round keys). */
    public WorkFraud(
            long taskId, Height height, TrainingRecord record, List<Hash> checkpoints, int segment, Hash opening) {
        this(taskId, height, record, checkpoints, segment, opening, List.of());
    }

    /** This proof carrying {@code keys} (a private round's). */
    public WorkFraud withRoundKeys(List<FunctionalKey> keys) {
        return new WorkFraud(taskId, height, record, checkpoints, segment, opening, keys);
    }

    @Override
    public int tag() {
        return roundKeys.isEmpty() ? TAG : KEYED_TAG;
    }
}
