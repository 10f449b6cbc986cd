package io.learnchain.learn.lifelong;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.nn.SoftmaxCrossEntropy;

/**
 * Correct-prediction counts with the argmax taken over the first {@code classes} outputs only (ties to
 * the lowest index). For a grown model, the prefix of the old classes answers "does the model still
 * tell the old classes apart?", the full output "does it still pick an old class for an old sample?"
 * (new classes compete there); the two differ, and paper 001's frozen weights only promise the first.
 */
public final class PrefixAccuracy {
    private static final int BATCH = 256;

    private PrefixAccuracy() {}

    /** Samples of {@code data} whose argmax over outputs [0, classes) equals the label. */
    public static int correct(Model model, Dataset data, int classes, ComputePool pool) {
        int outputs = model.spec().outputSize();
        if (classes < 1 || classes > outputs) {
            throw new IllegalArgumentException("class prefix " + classes + " outside [1, " + outputs + "]");
        }
        int in = model.spec().layout().input().size();
        if (data.sampleSize() != in) {
            throw new IllegalArgumentException("data set " + data.name() + " has samples of " + data.sampleSize()
                    + " values, the model reads " + in);
        }
        Network net = new Network(model.spec(), BATCH);
        net.load(model);
        float[] x = new float[BATCH * in];
        int correct = 0;
        for (int start = 0; start < data.count(); start += BATCH) {
            int bs = Math.min(BATCH, data.count() - start);
            System.arraycopy(data.features(), start * in, x, 0, bs * in);
            float[] out = net.forward(pool, x, bs);
            for (int b = 0; b < bs; b++) {
                if (SoftmaxCrossEntropy.argmax(out, b * outputs, classes) == data.labels()[start + b]) {
                    correct++;
                }
            }
        }
        return correct;
    }
}
