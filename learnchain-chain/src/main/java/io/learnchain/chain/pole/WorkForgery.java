package io.learnchain.chain.pole;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.CheckpointedRun;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.learn.train.WorkSegments;
import java.util.ArrayList;
import java.util.List;

/**
 * The work traces the simulation's adversaries publish (docs/simulation.md, issue 15): each is the
 * cheapest consistent-looking trace for its cheat, so that the only thing that can catch it is a
 * challenged segment's replay. Every checkpoint they publish decodes and hashes to its committed
 * leaf; checkpoint 0 is always the true start.
 */
public final class WorkForgery {
    private WorkForgery() {}

    /**
     * Trains the first {@code K - fake} segments honestly and claims the rest without training:
     * every later checkpoint repeats the state reached (parameters and optimizer state) at the
     * claimed boundary step. The model is the one actually reached.
     */
    public static MinedWork partial(
            ComputePool pool, ModelSpec spec, TrainingRecord record, Dataset train, Model start, int fake) {
        int k = WorkSegments.count(record.steps());
        if (fake < 0 || fake > k) {
            throw new IllegalArgumentException("fake segments must be in [0, " + k + "], got " + fake);
        }
        CheckpointedRun run = new CheckpointedRun(pool, job(spec, record, train, start));
        int honest = k - fake;
        while (run.checkpointsSoFar().size() <= honest) {
            run.advance(Long.MAX_VALUE);
        }
        return claimRest(record, run.checkpointsSoFar());
    }

    /**
     * Completes checkpoints 0..j of an honest run that stopped at boundary j into a trace of the
     * whole record: every later checkpoint repeats the state reached at j under its boundary step.
     */
    public static MinedWork claimRest(TrainingRecord record, List<Checkpoint> reachedSoFar) {
        int k = WorkSegments.count(record.steps());
        List<Checkpoint> out = new ArrayList<>(reachedSoFar);
        Checkpoint reached = out.getLast();
        for (int i = out.size(); i <= k; i++) {
            out.add(new Checkpoint(WorkSegments.boundary(record.steps(), i), reached.model(), reached.state()));
        }
        return new MinedWork(record, out);
    }

    /**
     * An honest record except segment {@code segment}: at its end the parameters are swapped for
     * {@code substitute} (a model prepared elsewhere, e.g. before the parent existed), and training
     * goes on honestly from there. Costs the whole training run; gains the substitute's head start.
     */
    public static MinedWork oneJump(
            ComputePool pool,
            ModelSpec spec,
            TrainingRecord record,
            Dataset train,
            Model start,
            int segment,
            Model substitute) {
        int k = WorkSegments.count(record.steps());
        if (segment < 0 || segment >= k) {
            throw new IllegalArgumentException("segment must be in [0, " + k + "), got " + segment);
        }
        CheckpointedRun run = new CheckpointedRun(pool, job(spec, record, train, start));
        while (run.checkpointsSoFar().size() <= segment + 1) {
            run.advance(Long.MAX_VALUE);
        }
        List<Checkpoint> prefix = new ArrayList<>(run.checkpointsSoFar());
        Checkpoint honest = prefix.removeLast();
        prefix.add(new Checkpoint(honest.step(), substitute, honest.state()));
        CheckpointedRun rest = CheckpointedRun.resume(pool, spec, record, train, prefix);
        while (!rest.isDone()) {
            rest.advance(Long.MAX_VALUE);
        }
        return new MinedWork(record, rest.checkpoints());
    }

    /**
     * No training at all: claims {@code record} took {@code start} to {@code model} (the last winner
     * re-keyed, or a model trained before the parent existed), every checkpoint after 0 being
     * {@code model} with a zero optimizer state.
     */
    public static MinedWork none(TrainingRecord record, Model start, Model model) {
        int k = WorkSegments.count(record.steps());
        float[] zero = Checkpoint.start(model, record.optimizer()).state();
        List<Checkpoint> out = new ArrayList<>(k + 1);
        out.add(Checkpoint.start(start, record.optimizer()));
        for (int i = 1; i <= k; i++) {
            out.add(new Checkpoint(WorkSegments.boundary(record.steps(), i), model, zero));
        }
        return new MinedWork(record, out);
    }

    private static TrainingJob job(ModelSpec spec, TrainingRecord record, Dataset train, Model start) {
        return new TrainingJob(
                spec,
                record,
                train,
                InputTransform.IDENTITY,
                record.start() instanceof TrainingStart.FromParent ? start : null,
                TrainingListener.NONE);
    }
}
