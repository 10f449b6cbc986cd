package io.learnchain.learn.rl;

import java.util.Arrays;

/**
 * The temporal-difference arithmetic of a DQN gradient step, in float32 with a fixed order: targets
 * from the target network's outputs and dLoss/dQ for the engine's backward pass.
 */
final class TdMath {
    private TdMath() {}

    /**
     * {@code y[i] = r[i]} when {@code terminal[i]}, else {@code r[i] + gamma * max_a qNext[i][a]}
     * (max taken left to right).
     */
    static void targets(
            float[] qNext, int actions, float[] rewards, boolean[] terminal, float gamma, int batch, float[] y) {
        for (int i = 0; i < batch; i++) {
            if (terminal[i]) {
                y[i] = rewards[i];
                continue;
            }
            float max = qNext[i * actions];
            for (int a = 1; a < actions; a++) {
                max = StrictMath.max(max, qNext[i * actions + a]);
            }
            y[i] = rewards[i] + gamma * max;
        }
    }

    /**
     * Writes dLoss/dQ for loss = (1 / batch) sum_i l(Q(s_i, a_i) - y_i) into {@code grad}: zero except
     * at the taken actions, where it is clamp(d, -1, 1) / batch (Huber, delta 1) or d / batch (half
     * squared error).
     */
    static void outputGradient(
            float[] q, int actions, int[] taken, float[] y, int batch, DqnHyperparameters.TdLoss loss, float[] grad) {
        Arrays.fill(grad, 0, batch * actions, 0f);
        float inv = 1f / batch;
        for (int i = 0; i < batch; i++) {
            float d = q[i * actions + taken[i]] - y[i];
            float g = switch (loss) {
                case HUBER -> StrictMath.clamp(d, -1f, 1f);
                case MSE -> d;
            };
            grad[i * actions + taken[i]] = g * inv;
        }
    }

    /** The loss value of the same batch (for tests and monitoring). */
    static float loss(float[] q, int actions, int[] taken, float[] y, int batch, DqnHyperparameters.TdLoss loss) {
        float sum = 0f;
        for (int i = 0; i < batch; i++) {
            float d = q[i * actions + taken[i]] - y[i];
            float ad = StrictMath.abs(d);
            sum += switch (loss) {
                case HUBER -> ad <= 1f ? 0.5f * d * d : ad - 0.5f;
                case MSE -> 0.5f * d * d;
            };
        }
        return sum / batch;
    }
}
