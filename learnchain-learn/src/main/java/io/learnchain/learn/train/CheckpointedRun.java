package io.learnchain.learn.train;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A pole training run that takes a {@link Checkpoint} at every segment boundary of its record
 * ({@link WorkSegments}): checkpoint 0 is the start, checkpoint K the trained model. Advanced in
 * chunks like {@link TrainingRun} (a chunk never crosses a boundary). The checkpoints' leaves are
 * the work commitment a pole block carries; the checkpoints themselves are what the miner opens
 * when the chain challenges a segment.
 */
public final class CheckpointedRun {
    private final TrainingRun run;
    private final long steps;
    private final List<Checkpoint> checkpoints = new ArrayList<>();

    public CheckpointedRun(ComputePool pool, TrainingJob job) {
        this.run = new TrainingRun(pool, job);
        this.steps = job.record().steps();
        checkpoints.add(run.checkpoint());
    }

    private CheckpointedRun(TrainingRun run, long steps, List<Checkpoint> prefix) {
        this.run = run;
        this.steps = steps;
        checkpoints.addAll(prefix);
    }

    /**
     * A run of {@code record} on {@code data} that continues from the last of {@code prefix}
     * (checkpoints 0..j, the last at boundary j), keeping them as its first checkpoints.
     */
    public static CheckpointedRun resume(
            ComputePool pool, ModelSpec spec, TrainingRecord record, Dataset data, List<Checkpoint> prefix) {
        Checkpoint last = prefix.getLast();
        if (last.step() != WorkSegments.boundary(record.steps(), prefix.size() - 1)) {
            throw new IllegalArgumentException("checkpoint " + (prefix.size() - 1) + " is at step " + last.step()
                    + ", not at its boundary " + WorkSegments.boundary(record.steps(), prefix.size() - 1));
        }
        return new CheckpointedRun(TrainingRun.resume(pool, spec, record, data, last), record.steps(), prefix);
    }

    /** The checkpoints taken so far (0..j). */
    public List<Checkpoint> checkpointsSoFar() {
        return List.copyOf(checkpoints);
    }

    /** Trains {@code job} to the end and returns its checkpoints. */
    public static CheckpointedRun complete(ComputePool pool, TrainingJob job) {
        CheckpointedRun r = new CheckpointedRun(pool, job);
        while (!r.isDone()) {
            r.advance(Long.MAX_VALUE);
        }
        return r;
    }

    public long step() {
        return run.step();
    }

    public long totalSteps() {
        return steps;
    }

    public boolean isDone() {
        return run.isDone();
    }

    /** Up to {@code maxSteps} more steps, stopping at the next boundary; returns how many were done. */
    public long advance(long maxSteps) {
        if (isDone()) {
            return 0;
        }
        long next = WorkSegments.boundary(steps, checkpoints.size());
        long done = run.advance(Math.min(maxSteps, next - run.step()));
        if (run.step() == next) {
            checkpoints.add(run.checkpoint());
        }
        return done;
    }

    /** The trained model (after the last step). */
    public Model model() {
        return run.model();
    }

    /** Checkpoints 0..K (after the last step). */
    public List<Checkpoint> checkpoints() {
        if (!isDone()) {
            throw new IllegalStateException("the run has done " + run.step() + " of " + steps + " steps");
        }
        return List.copyOf(checkpoints);
    }
}
