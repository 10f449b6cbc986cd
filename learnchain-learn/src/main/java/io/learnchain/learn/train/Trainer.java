package io.learnchain.learn.train;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.DataOrder;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.nn.SoftmaxCrossEntropy;

/**
 * Runs a {@link TrainingJob}: softmax cross-entropy on the data set's labels, the record's optimizer,
 * batches in the record's data order, through the job's input transform. The result depends only on
 * the job, never on the pool's thread count, the CPU or the JIT.
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
        TrainingRecord rec = job.record();
        Dataset data = job.data();
        int bs = rec.batchSize();
        Network net = new Network(job.spec(), bs);
        net.load(switch (rec.start()) {
            case TrainingStart.FromSeed s -> Initializer.initialize(job.spec(), s.seed());
            case TrainingStart.FromParent p -> job.parent();
        });
        int in = net.inputSize();
        int classes = net.outputSize();
        float[] x = new float[bs * in];
        int[] y = new int[bs];
        float[] state = new float[rec.optimizer().stateSlots() * net.parameters().length];
        if (frozen.count() != net.parameters().length) {
            throw new IllegalArgumentException("the frozen mask covers " + frozen.count() + " parameters, the model has "
                    + net.parameters().length);
        }
        DataOrder.Cursor order = new DataOrder(data.count(), bs, rec.dataOrderSeed()).cursor();
        float[] features = data.features();
        int[] labels = data.labels();
        TrainingListener listener = job.listener();
        int interval = Math.max(1, listener.interval());
        double loss = 0;
        int correct = 0;
        int seen = 0;
        for (long s = 0; s < rec.steps(); s++) {
            int off = order.offset(s);
            int[] idx = order.indices();
            for (int b = 0; b < bs; b++) {
                int sample = idx[off + b];
                job.transform().apply(features, sample * in, x, b * in, in);
                y[b] = labels[sample];
            }
            float[] logits = net.forward(pool, x, bs);
            SoftmaxCrossEntropy.BatchLoss bl =
                    SoftmaxCrossEntropy.lossAndGradient(logits, y, 0, bs, classes, net.outputGradient());
            net.backward(pool, bs);
            frozen.step(rec.optimizer(), s + 1, net.parameters(), net.gradients(), state);
            loss += bl.lossSum();
            correct += bl.correct();
            seen += bs;
            if ((s + 1) % interval == 0 || s + 1 == rec.steps()) {
                listener.onProgress(new TrainingProgress(s + 1, rec.steps(), loss / seen, correct, seen));
                loss = 0;
                correct = 0;
                seen = 0;
            }
        }
        return net.toModel();
    }
}
