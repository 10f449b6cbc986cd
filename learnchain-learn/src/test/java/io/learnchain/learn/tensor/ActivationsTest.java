package io.learnchain.learn.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.rng.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationsTest {
    private static final float[] SPECIAL = {
        0f,
        -0f,
        1f,
        -1f,
        1e-8f,
        -1e-8f,
        88f,
        88.5f,
        100f,
        -87.3f,
        -87.4f,
        -100f,
        -1000f,
        1000f,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        Float.MIN_VALUE,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.NaN,
        0.34657359f,
        -0.34657359f
    };

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void arrayVersionsMatchScalarVersionsBitForBit(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        int n = 1000 + SPECIAL.length;
        float[] x = new float[n];
        for (int i = 0; i < 1000; i++) {
            x[i] = (float) (rng.nextGaussian() * (i % 3 == 0 ? 40 : 3));
        }
        System.arraycopy(SPECIAL, 0, x, 1000, SPECIAL.length);
        float[] sig = new float[n];
        float[] th = new float[n];
        Activations.sigmoid(x, 0, sig, 0, n);
        Activations.tanh(x, 0, th, 0, n);
        for (int i = 0; i < n; i++) {
            assertThat(Float.floatToRawIntBits(sig[i]))
                    .as("sigmoid(%s)", x[i])
                    .isEqualTo(Float.floatToRawIntBits(Activations.sigmoid(x[i])));
            assertThat(Float.floatToRawIntBits(th[i]))
                    .as("tanh(%s)", x[i])
                    .isEqualTo(Float.floatToRawIntBits(Activations.tanh(x[i])));
        }
    }

    @Test
    void expIsWithinTwoUlpOfStrictMath() {
        for (float x = -87f; x <= 88f; x += 0.00173f) {
            double exact = StrictMath.exp(x);
            float got = Activations.exp(x);
            assertThat(Math.abs(got - exact)).as("exp(%s)", x).isLessThanOrEqualTo(2 * Math.ulp((float) exact));
        }
    }

    @Test
    void sigmoidAndTanhAreAccurateAndSaturate() {
        for (float x = -30f; x <= 30f; x += 0.0007f) {
            assertThat((double) Activations.sigmoid(x))
                    .as("sigmoid(%s)", x)
                    .isCloseTo(1 / (1 + StrictMath.exp(-x)), org.assertj.core.api.Assertions.within(2.5e-7));
            assertThat((double) Activations.tanh(x))
                    .as("tanh(%s)", x)
                    .isCloseTo(StrictMath.tanh(x), org.assertj.core.api.Assertions.within(2.5e-7));
        }
        assertThat(Activations.sigmoid(1000f)).isEqualTo(1f);
        assertThat(Activations.sigmoid(-1000f)).isBetween(0f, 1e-37f);
        assertThat(Activations.tanh(1000f)).isEqualTo(1f);
        assertThat(Activations.tanh(-1000f)).isEqualTo(-1f);
        assertThat(Activations.tanh(Float.NaN)).isNaN();
    }
}
