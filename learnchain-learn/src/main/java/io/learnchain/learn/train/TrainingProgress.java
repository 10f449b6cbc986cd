package io.learnchain.learn.train;

/**
 * Progress since the previous report: steps done out of the total, the mean loss and the training
 * accuracy (argmax == label) of the batches in between. Reported between steps, never inside kernels.
 */
public record TrainingProgress(long step, long steps, double meanLoss, int correct, int seen) {
    public double accuracy() {
        return seen == 0 ? 0 : (double) correct / seen;
    }
}
