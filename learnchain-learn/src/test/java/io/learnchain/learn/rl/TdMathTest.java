package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.rl.DqnHyperparameters.TdLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TdMathTest {

    @Test
    void targetBootstrapsFromBestNextActionUnlessTerminal() {
        float[] qNext = {1f, 3f, -2f, 5f, 4f, 0f};
        float[] y = new float[2];
        TdMath.targets(qNext, 3, new float[] {0.5f, 1f}, new boolean[] {false, true}, 0.9f, 2, y);
        assertThat(y[0]).isEqualTo(0.5f + 0.9f * 3f);
        assertThat(y[1]).isEqualTo(1f);
    }

    @Test
    void gradientTouchesOnlyTakenActionsAndClipsHuber() {
        float[] q = {0f, 10f, 2f, 0f};
        float[] grad = {7f, 7f, 7f, 7f};
        TdMath.outputGradient(q, 2, new int[] {1, 0}, new float[] {1f, 1.5f}, 2, TdLoss.HUBER, grad);
        assertThat(grad).containsExactly(0f, 0.5f, 0.25f, 0f);
        TdMath.outputGradient(q, 2, new int[] {1, 0}, new float[] {1f, 1.5f}, 2, TdLoss.MSE, grad);
        assertThat(grad).containsExactly(0f, 4.5f, 0.25f, 0f);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"HUBER, 1", "HUBER, 2", "MSE, 3", "MSE, 4"})
    void gradientIsDerivativeOfLoss(TdLoss loss, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        int batch = 5;
        int actions = 3;
        float[] q = new float[batch * actions];
        int[] taken = new int[batch];
        float[] y = new float[batch];
        for (int i = 0; i < batch; i++) {
            taken[i] = rng.nextInt(actions);
            y[i] = (float) (3 * rng.nextGaussian());
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) (3 * rng.nextGaussian());
        }
        float[] grad = new float[q.length];
        TdMath.outputGradient(q, actions, taken, y, batch, loss, grad);
        float h = 1e-2f;
        for (int i = 0; i < q.length; i++) {
            float keep = q[i];
            q[i] = keep + h;
            double up = TdMath.loss(q, actions, taken, y, batch, loss);
            q[i] = keep - h;
            double down = TdMath.loss(q, actions, taken, y, batch, loss);
            q[i] = keep;
            assertThat((double) grad[i])
                    .as("seed %d, output %d", seed, i)
                    .isCloseTo((up - down) / (2 * h), within(2e-3));
        }
    }
}
