package io.learnchain.chain.tx;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.WorkSegments;
import java.util.List;
import java.util.Objects;

/**
 * Proves the work behind a won round false while its payout is held (PROTOCOL.md 3.8): names the
 * task and the pole block's height, repeats the block's training record and checkpoint leaves
 * (they must hash to the held work claim), and opens checkpoint {@code segment} (the blob
 * {@code opening}, published with the transaction). Valid only if that segment, replayed from the
 * opened checkpoint, does not reach committed leaf {@code segment + 1}: whoever replayed the whole
 * record finds the first such segment, and every node checks the proof by replaying that one.
 */
public record WorkFraud(
        long taskId, Height height, TrainingRecord record, List<Hash> checkpoints, int segment, Hash opening)
        implements Payload {
    public static final int TAG = 5;

    public WorkFraud {
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(opening, "opening");
        checkpoints = List.copyOf(checkpoints);
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
    }

    @Override
    public int tag() {
        return TAG;
    }
}
