package io.learnchain.learn.lifelong;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.nn.SoftmaxCrossEntropy;
import java.util.List;
import java.util.Locale;

/**
 * The loss a lifelong model is judged by, as an integer the ledger can compare: mean softmax
 * cross-entropy (natural log) over the samples of the given parts, in part order then sample order,
 * in micro-nats, {@code floor(sum / n * 1e6)}. Each sample's loss is
 * {@code log(sum_j exp(z_j - max)) - (z_label - max)} in double with StrictMath; the sum is one
 * double chain in sample order, so the value is the same on every node, whatever the batch or the
 * pool's thread count. Parts may have fewer classes than the model has outputs (old test parts of a
 * grown model); every label must be an output.
 */
public final class FixedPointLoss {
    /** Fixed-point units per nat. */
    public static final long SCALE = 1_000_000L;

    private static final int BATCH = 64;

    private FixedPointLoss() {}

    public static long of(Model model, List<Dataset> parts, ComputePool pool) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the loss needs at least one test part");
        }
        int in = model.spec().layout().input().size();
        int classes = model.spec().outputSize();
        Network net = new Network(model.spec(), BATCH);
        net.load(model);
        float[] x = new float[BATCH * in];
        double sum = 0;
        long n = 0;
        for (Dataset part : parts) {
            if (part.sampleSize() != in || part.classes() > classes) {
                throw new IllegalArgumentException("test part " + part.name() + " has samples of " + part.sampleSize()
                        + " values and " + part.classes() + " classes; the model reads " + in + " and outputs "
                        + classes);
            }
            float[] features = part.features();
            int[] labels = part.labels();
            for (int start = 0; start < part.count(); start += BATCH) {
                int bs = Math.min(BATCH, part.count() - start);
                System.arraycopy(features, start * in, x, 0, bs * in);
                float[] out = net.forward(pool, x, bs);
                for (int b = 0; b < bs; b++) {
                    sum += sampleLoss(out, b * classes, classes, labels[start + b]);
                }
            }
            n += part.count();
        }
        if (n == 0) {
            throw new IllegalArgumentException("the test parts hold no samples");
        }
        return (long) StrictMath.floor(sum / n * SCALE);
    }

    private static double sampleLoss(float[] logits, int off, int classes, int label) {
        int best = SoftmaxCrossEntropy.argmax(logits, off, classes);
        double max = logits[off + best];
        double s = 0;
        for (int j = 0; j < classes; j++) {
            s += StrictMath.exp(logits[off + j] - max);
        }
        return StrictMath.log(s) - (logits[off + label] - max);
    }

    /** The loss as text in nats with six decimals, e.g. "0.412345". */
    public static String text(long fixed) {
        return fixed / SCALE + "." + String.format(Locale.ROOT, "%06d", Math.abs(fixed % SCALE));
    }
}
