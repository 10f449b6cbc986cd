package io.learnchain.learn.nn;

/**
 * Softmax with cross-entropy on logits [batch x classes], in double with StrictMath.exp/log (the
 * same bits everywhere), the gradient (softmax - onehot) / batch rounded once to float. Also the
 * argmax rule of the protocol: ties go to the lowest index.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /** Result of one batch: summed loss (natural log) and the count of argmax == label. */
    public record BatchLoss(double lossSum, int correct) {}

    /**
     * Writes d(mean loss)/d(logits) into {@code grad[batch x classes]}; labels of the batch are
     * {@code labels[labelOff .. labelOff + batch)}.
     */
    public static BatchLoss lossAndGradient(
            float[] logits, int[] labels, int labelOff, int batch, int classes, float[] grad) {
        double lossSum = 0;
        int correct = 0;
        double[] e = new double[classes];
        for (int b = 0; b < batch; b++) {
            int off = b * classes;
            int label = labels[labelOff + b];
            int best = argmax(logits, off, classes);
            if (best == label) {
                correct++;
            }
            double max = logits[off + best];
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                e[j] = StrictMath.exp(logits[off + j] - max);
                sum += e[j];
            }
            lossSum += StrictMath.log(sum) - (logits[off + label] - max);
            for (int j = 0; j < classes; j++) {
                double p = e[j] / sum - (j == label ? 1.0 : 0.0);
                grad[off + j] = (float) (p / batch);
            }
        }
        return new BatchLoss(lossSum, correct);
    }

    /** Index of the largest value of {@code x[off .. off + n)}; ties to the lowest index. NaN never wins. */
    public static int argmax(float[] x, int off, int n) {
        int best = 0;
        float bv = x[off];
        for (int j = 1; j < n; j++) {
            float v = x[off + j];
            if (v > bv || (bv != bv && v == v)) {
                bv = v;
                best = j;
            }
        }
        return best;
    }
}
