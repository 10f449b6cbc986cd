package io.learnchain.learn.train;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.DataOrder;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
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
        this.job = job;
        this.frozen = frozen;
        this.pool = pool;
        TrainingRecord rec = job.record();
        int bs = rec.batchSize();
        this.net = new Network(job.spec(), bs);
        net.load(
                switch (rec.start()) {
                    case TrainingStart.FromSeed s -> Initializer.initialize(job.spec(), s.seed());
                    case TrainingStart.FromParent p -> job.parent();
                });
        this.x = new float[bs * net.inputSize()];
        this.y = new int[bs];
        this.state = new float[rec.optimizer().stateSlots() * net.parameters().length];
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
