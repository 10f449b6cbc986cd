package io.learnchain.chain.work;

import io.learnchain.base.Hash;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingRun;
import io.learnchain.learn.train.WorkSegments;

/**
 * One segment of a committed training run, replayed from the checkpoint that opens it: what every
 * node does for the segments the chain challenges (PROTOCOL.md 3.7), and for the one segment a
 * fraud proof names (3.8). Bit-exact determinism makes the result an equality test.
 */
public final class SegmentReplay {
    private SegmentReplay() {}

    /**
     * The leaf of checkpoint {@code segment + 1} reached by running {@code record} on {@code train}
     * (already relabelled for the round) from {@code from}, the opened checkpoint {@code segment}.
     */
    public static Hash nextLeaf(
            ComputePool pool, ModelSpec spec, TrainingRecord record, Dataset train, Checkpoint from, int segment) {
        return reach(TrainingRun.resume(pool, spec, record, train, from), record, segment);
    }

    /**
     * The leaf {@code run}, standing at the opened checkpoint of {@code segment}, reaches at the
     * segment's end. A replay whose parameters stop being finite cannot reach any committed leaf (an
     * honest run could not have checkpointed it): it reads as {@link Hash#ZERO}, which no leaf is.
     */
    public static Hash reach(TrainingRun run, TrainingRecord record, int segment) {
        run.advanceTo(WorkSegments.boundary(record.steps(), segment + 1));
        try {
            return run.checkpointLeaf();
        } catch (IllegalArgumentException e) { // non-finite parameters
            return Hash.ZERO;
        }
    }
}
