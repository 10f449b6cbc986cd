package io.learnchain.learn.train;

import io.learnchain.base.Hash;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.DataOrder;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.nn.SoftmaxCrossEntropy;

/**
 * A {@link TrainingJob} in progress, advanced a few steps at a time so a caller with one thread
 * (a node's scheduler) can do other work between chunks. Any split of the steps gives the same
 * bits as {@link Trainer#train}: the run keeps the network, optimizer state and data order cursor
 * between calls and only ever performs step after step.
 */
public final class TrainingRun {
    private final TrainingJob job;
    private final ComputePool pool;
    private final Network net;
    private final float[] x;
    private final int[] y;
    private final float[] state;
    private final FrozenParameters frozen;
    private final DataOrder.Cursor order;
    private final int interval;
    private long step;
    private double loss;
    private int correct;
    private int seen;

    public TrainingRun(ComputePool pool, TrainingJob job) {
        this(pool, job, FrozenParameters.none(job.spec().layout().parameterCount()));
    }

    /** A run that updates only the parameters {@code frozen} leaves trainable; the others keep their bits. */
    public TrainingRun(ComputePool pool, TrainingJob job, FrozenParameters frozen) {
        this(pool, job, frozen, null);
    }

    /**
     * A run of {@code job} that continues from {@code from} (a checkpoint of the same record taken by
     * {@link #checkpoint()}, or published by a miner): the next step is {@code from.step()}. Gives the
     * same bits as the uninterrupted run would from that checkpoint on.
     */
    public static TrainingRun resume(ComputePool pool, TrainingJob job, Checkpoint from) {
        return resumeUnchecked(pool, job, from);
    }

    /**
     * Resumes a run of {@code record} on {@code data} (identity transform) from {@code from}: what a
     * verifier does with a checkpoint a miner opened. The record's start is not needed (the
     * checkpoint holds the parameters), so no parent model is asked for.
     */
    public static TrainingRun resume(
            ComputePool pool, ModelSpec spec, TrainingRecord record, Dataset data, Checkpoint from) {
        TrainingRecord fromCheckpoint = new TrainingRecord(
                new TrainingStart.FromSeed(0),
                record.optimizer(),
                record.batchSize(),
                record.steps(),
                record.dataOrderSeed());
        return resumeUnchecked(pool, TrainingJob.of(spec, fromCheckpoint, data), from);
    }

    private static TrainingRun resumeUnchecked(ComputePool pool, TrainingJob job, Checkpoint from) {
        return new TrainingRun(
                pool, job, FrozenParameters.none(job.spec().layout().parameterCount()), from);
    }

    private TrainingRun(ComputePool pool, TrainingJob job, FrozenParameters frozen, Checkpoint from) {
        this.job = job;
        this.frozen = frozen;
        this.pool = pool;
        TrainingRecord rec = job.record();
        int bs = rec.batchSize();
        this.net = new Network(job.spec(), bs);
        this.x = new float[bs * net.inputSize()];
        this.y = new int[bs];
        this.state = new float[rec.optimizer().stateSlots() * net.parameters().length];
        if (from != null) {
            restartFrom(from);
        } else {
            net.load(
                    switch (rec.start()) {
                        case TrainingStart.FromSeed s -> Initializer.initialize(job.spec(), s.seed());
                        case TrainingStart.FromParent p -> job.parent();
                    });
        }
        if (frozen.count() != net.parameters().length) {
            throw new IllegalArgumentException("the frozen mask covers " + frozen.count()
                    + " parameters, the model has " + net.parameters().length);
        }
        this.order = new DataOrder(job.data().count(), bs, rec.dataOrderSeed()).cursor();
        this.interval = Math.max(1, job.listener().interval());
    }

    /** Steps done so far. */
    public long step() {
        return step;
    }

    public long totalSteps() {
        return job.record().steps();
    }

    public boolean isDone() {
        return step >= job.record().steps();
    }

    /** Performs up to {@code maxSteps} more steps (fewer at the end); returns how many were done. */
    public long advance(long maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("advance at least one step, got " + maxSteps);
        }
        long total = job.record().steps();
        long end = total - step <= maxSteps ? total : step + maxSteps;
        long done = 0;
        while (step < end) {
            runStep();
            done++;
        }
        return done;
    }

    private void runStep() {
        TrainingRecord rec = job.record();
        Dataset data = job.data();
        int bs = rec.batchSize();
        int in = net.inputSize();
        int off = order.offset(step);
        int[] idx = order.indices();
        float[] features = data.features();
        int[] labels = data.labels();
        for (int b = 0; b < bs; b++) {
            int sample = idx[off + b];
            job.transform().apply(features, sample * in, x, b * in, in);
            y[b] = labels[sample];
        }
        float[] logits = net.forward(pool, x, bs);
        SoftmaxCrossEntropy.BatchLoss bl =
                SoftmaxCrossEntropy.lossAndGradient(logits, y, 0, bs, net.outputSize(), net.outputGradient());
        net.backward(pool, bs);
        frozen.step(rec.optimizer(), step + 1, net.parameters(), net.gradients(), state);
        loss += bl.lossSum();
        correct += bl.correct();
        seen += bs;
        step++;
        if (step % interval == 0 || step == rec.steps()) {
            job.listener().onProgress(new TrainingProgress(step, rec.steps(), loss / seen, correct, seen));
            loss = 0;
            correct = 0;
            seen = 0;
        }
    }

    /**
     * The run's state now, as a work commitment records it. Normalises -0.0 parameters to +0.0 in
     * the live network first, so that a run resumed from the checkpoint holds the same bits as this
     * one: a pole run takes its checkpoints at the record's segment boundaries ({@link WorkSegments}),
     * and every miner and verifier does the same.
     */
    public Checkpoint checkpoint() {
        float[] p = net.parameters();
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0f) {
                p[i] = 0f;
            }
        }
        return new Checkpoint(step, net.toModel(), state);
    }

    /**
     * The leaf of {@link #checkpoint()} without building it: the same normalisation of -0.0, then
     * the hashes streamed from the live parameters and optimizer state (no copies). What a verifier
     * compares a replayed segment's end with.
     */
    public Hash checkpointLeaf() {
        float[] p = net.parameters();
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0f) {
                p[i] = 0f;
            }
            if (!Float.isFinite(p[i])) { // a model must be finite: the same refusal as checkpoint()
                throw new IllegalArgumentException(
                        "parameter " + i + " is " + p[i] + ": training diverged at step " + step);
            }
        }
        return Checkpoint.leaf(step, Model.hashOf(job.spec(), p), Checkpoint.stateHash(state));
    }

    /**
     * Moves this run to {@code from} (its parameters, optimizer state and step), reusing the run's
     * network and buffers: a verifier replays several segments of one record with one run. The
     * result is bit for bit that of a run resumed from {@code from}.
     */
    public void restartFrom(Checkpoint from) {
        if (from.step() > job.record().steps()) {
            throw new IllegalArgumentException("checkpoint at step " + from.step() + " is past the record's "
                    + job.record().steps() + " steps");
        }
        if (from.stateSize() != state.length) {
            throw new IllegalArgumentException("checkpoint holds " + from.stateSize()
                    + " optimizer floats, the record's optimizer keeps " + state.length);
        }
        net.load(from.model());
        from.copyState(state);
        step = from.step();
        loss = 0;
        correct = 0;
        seen = 0;
    }

    /** Runs to step {@code target} (no further than the record's end); returns the steps done. */
    public long advanceTo(long target) {
        return target <= step ? 0 : advance(target - step);
    }

    /**
     * The trained model; throws {@link IllegalStateException} before the last step (a partly
     * trained model does not match its record).
     */
    public Model model() {
        if (!isDone()) {
            throw new IllegalStateException(
                    "the run has done " + step + " of " + job.record().steps() + " steps: advance it to the end first");
        }
        return net.toModel();
    }
}
