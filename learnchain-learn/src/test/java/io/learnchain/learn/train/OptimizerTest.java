package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OptimizerTest {

    @Test
    void sgdWithMomentumFollowsPyTorchForm() {
        Optimizer.Sgd sgd = new Optimizer.Sgd(0.1f, 0.9f);
        float[] w = {1f};
        float[] state = new float[1];
        sgd.step(1, w, new float[] {2f}, state);
        assertThat(state[0]).isEqualTo(2f);
        assertThat(w[0]).isEqualTo(1f - 0.1f * 2f);
        sgd.step(2, w, new float[] {1f}, state);
        assertThat(state[0]).isEqualTo(0.9f * 2f + 1f);
        assertThat(w[0]).isEqualTo((1f - 0.1f * 2f) - 0.1f * (0.9f * 2f + 1f));
    }

    @Test
    void adamFirstStepMovesEachWeightByAboutTheLearningRate() {
        Optimizer.Adam adam = Optimizer.Adam.of(0.01f);
        float[] w = {0f, 0f, 0f};
        float[] g = {3f, -0.2f, 1e-3f};
        float[] state = new float[6];
        adam.step(1, w, g, state);
        // Step 1 of Adam is lr * g / (|g| + eps') = lr * sign(g) for |g| >> eps.
        assertThat(w[0]).isCloseTo(-0.01f, within(1e-6f));
        assertThat(w[1]).isCloseTo(0.01f, within(1e-6f));
        assertThat(w[2]).isCloseTo(-0.01f, within(1e-6f));
    }

    @Test
    void adamMatchesDoublePrecisionReferenceOverSteps() {
        Optimizer.Adam adam = new Optimizer.Adam(0.05f, 0.8f, 0.99f, 1e-6f);
        float[] w = {0.5f};
        float[] state = new float[2];
        double wd = 0.5, m = 0, v = 0;
        for (int t = 1; t <= 20; t++) {
            float g = (float) StrictMath.sin(t);
            adam.step(t, w, new float[] {g}, state);
            m = 0.8 * m + 0.2 * g;
            v = 0.99 * v + 0.01 * g * g;
            double mh = m / (1 - StrictMath.pow(0.8, t));
            double vh = v / (1 - StrictMath.pow(0.99, t));
            wd -= 0.05 * mh / (StrictMath.sqrt(vh) + 1e-6);
        }
        assertThat((double) w[0]).isCloseTo(wd, within(1e-5));
    }

    @Test
    void flushesTinyGradientsAndStateSoNoSubnormalsArise() {
        int n = 40; // vector lanes and the scalar tail
        float[] w = new float[n];
        float[] g = new float[n];
        float[] sgdState = new float[n];
        float[] adamState = new float[2 * n];
        for (int i = 0; i < n; i++) {
            g[i] = i % 2 == 0 ? 1e-20f : 1e-3f;
            sgdState[i] = 1e-30f;
            adamState[i] = 5e-31f; // times beta1 or beta2 is below 2^-100 (7.9e-31)
            adamState[n + i] = 5e-31f;
        }
        new Optimizer.Sgd(0.1f, 0.5f).step(1, w.clone(), g, sgdState);
        Optimizer.Adam.of(0.1f).step(1, w.clone(), g, adamState);
        for (int i = 0; i < n; i++) {
            float expectedSgd = i % 2 == 0 ? 0f : 0.5f * 1e-30f + 1e-3f;
            assertThat(sgdState[i]).as("sgd state %d", i).isEqualTo(expectedSgd);
            if (i % 2 == 0) {
                assertThat(adamState[i]).as("adam m %d", i).isZero();
                assertThat(adamState[n + i]).as("adam v %d", i).isZero();
            } else {
                assertThat(adamState[i]).isGreaterThan(0f);
            }
        }
    }

    @Test
    void rejectsInvalidHyperparameters() {
        assertThatThrownBy(() -> new Optimizer.Sgd(0f, 0.9f)).hasMessageContaining("sgd learning rate");
        assertThatThrownBy(() -> new Optimizer.Sgd(0.1f, 1f)).hasMessageContaining("momentum must be in [0, 1)");
        assertThatThrownBy(() -> new Optimizer.Adam(Float.NaN, 0.9f, 0.999f, 1e-8f))
                .hasMessageContaining("adam learning rate");
    }

    @Test
    void textIsExactAndStable() {
        assertThat(Optimizer.Adam.of(1e-3f).text()).isEqualTo("adam lr=0.001 beta1=0.9 beta2=0.999 eps=1.0E-8");
        assertThat(new Optimizer.Sgd(0.05f, 0.9f).text()).isEqualTo("sgd lr=0.05 momentum=0.9");
    }
}
