package io.learnchain.learn.train;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.nn.SoftmaxCrossEntropy;

/** Scores a model on a data set: the integer count of samples whose argmax (ties to the lowest index) is the label. */
public final class Evaluator {
    /** Default samples per forward pass: large enough for efficient products, small enough to stay in cache. */
    public static final int DEFAULT_BATCH = 64;

    private final ComputePool pool;
    private final int batch;

    public Evaluator(ComputePool pool) {
        this(pool, DEFAULT_BATCH);
    }

    /** The count does not depend on {@code batch} (samples are independent); only speed and memory do. */
    public Evaluator(ComputePool pool, int batch) {
        if (batch < 1 || batch > 65536) {
            throw new IllegalArgumentException("evaluation batch must be in [1, 65536], got " + batch);
        }
        this.pool = pool;
        this.batch = batch;
    }

    public int correctCount(Model model, Dataset data, InputTransform transform) {
        int in = model.spec().layout().input().size();
        if (data.sampleSize() != in) {
            throw new IllegalArgumentException("data set " + data.name() + " has samples of " + data.sampleSize()
                    + " values but the model input is " + model.spec().layout().input());
        }
        int count = data.count();
        Network net = new Network(model.spec(), Math.max(1, Math.min(batch, count)));
        net.load(model);
        int classes = net.outputSize();
        float[] x = new float[net.maxBatch() * in];
        float[] features = data.features();
        int[] labels = data.labels();
        int correct = 0;
        for (int start = 0; start < count; start += net.maxBatch()) {
            int bs = Math.min(net.maxBatch(), count - start);
            for (int b = 0; b < bs; b++) {
                transform.apply(features, (start + b) * in, x, b * in, in);
            }
            float[] out = net.forward(pool, x, bs);
            for (int b = 0; b < bs; b++) {
                if (SoftmaxCrossEntropy.argmax(out, b * classes, classes) == labels[start + b]) {
                    correct++;
                }
            }
        }
        return correct;
    }

    public int correctCount(Model model, Dataset data) {
        return correctCount(model, data, InputTransform.IDENTITY);
    }
}
