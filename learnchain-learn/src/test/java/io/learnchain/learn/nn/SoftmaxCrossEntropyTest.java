package io.learnchain.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.learnchain.base.rng.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftmaxCrossEntropyTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void gradientMatchesFiniteDifferencesOfMeanLoss(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        int batch = 4;
        int classes = 7;
        float[] logits = new float[batch * classes];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (3 * rng.nextGaussian());
        }
        int[] labels = new int[batch];
        for (int b = 0; b < batch; b++) {
            labels[b] = rng.nextInt(classes);
        }
        float[] grad = new float[logits.length];
        SoftmaxCrossEntropy.lossAndGradient(logits, labels, 0, batch, classes, grad);
        float[] scratch = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            float saved = logits[i];
            float eps = 1e-2f;
            logits[i] = saved + eps;
            double plus = SoftmaxCrossEntropy.lossAndGradient(logits, labels, 0, batch, classes, scratch)
                    .lossSum();
            logits[i] = saved - eps;
            double minus = SoftmaxCrossEntropy.lossAndGradient(logits, labels, 0, batch, classes, scratch)
                    .lossSum();
            logits[i] = saved;
            double numeric = (plus - minus) / (2.0 * eps) / batch;
            assertThat((double) grad[i]).as("seed %d logit %d", seed, i).isCloseTo(numeric, within(2e-4));
        }
    }

    @Test
    void lossOfUniformLogitsIsLogClassesAndArgmaxTiesGoLow() {
        float[] logits = new float[2 * 4];
        SoftmaxCrossEntropy.BatchLoss l =
                SoftmaxCrossEntropy.lossAndGradient(logits, new int[] {0, 3}, 0, 2, 4, new float[8]);
        assertThat(l.lossSum()).isCloseTo(2 * Math.log(4), within(1e-12));
        assertThat(l.correct()).isEqualTo(1);
        assertThat(SoftmaxCrossEntropy.argmax(new float[] {1, 5, 5, 2}, 0, 4)).isEqualTo(1);
        assertThat(SoftmaxCrossEntropy.argmax(new float[] {Float.NaN, 1, 3, 3}, 0, 4))
                .isEqualTo(2);
    }
}
