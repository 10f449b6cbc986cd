package io.learnchain.learn.train;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.Model;

/**
 * Runs a {@link TrainingJob} to the end (a {@link TrainingRun} in one go): softmax cross-entropy on
 * the data set's labels, the record's optimizer, batches in the record's data order, through the
 * job's input transform. The result depends only on the job, never on the pool's thread count, the
 * CPU or the JIT.
 */
public final class Trainer {
    private final ComputePool pool;

    public Trainer(ComputePool pool) {
        this.pool = pool;
    }

    public Model train(TrainingJob job) {
        return train(job, FrozenParameters.none(job.spec().layout().parameterCount()));
    }

    /**
     * Trains only the parameters {@code frozen} leaves trainable (a lifelong model's new units); the
     * frozen ones keep their exact bits. With nothing frozen this is {@link #train(TrainingJob)}.
     */
    public Model train(TrainingJob job, FrozenParameters frozen) {
        TrainingRun run = new TrainingRun(pool, job, frozen);
        if (!run.isDone()) {
            run.advance(job.record().steps());
        }
        return run.model();
    }
}
