package io.learnchain.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Analytic gradients of every layer (parameters and input) against central finite differences of
 * L = sum(out * r), the differences taken in double over float forward passes. Inputs of the
 * piecewise-linear layers (ReLU, max pooling) are spread so that no step crosses a kink.
 */
class GradientCheckTest {
    private static final int BATCH = 3;
    private static final ComputePool POOL = new ComputePool(2);

    @AfterAll
    static void close() {
        POOL.close();
    }

    record Case(String name, int params, Function<Integer, Layer> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Case[] cases = {
            new Case("dense 7->5", 7 * 5 + 5, mb -> new DenseLayer(7, 5, 0, mb)),
            new Case("dense 40->33", 40 * 33 + 33, mb -> new DenseLayer(40, 33, 0, mb)),
            new Case("relu", 0, mb -> new ActivationLayer(ActivationLayer.Kind.RELU, 11)),
            new Case("tanh", 0, mb -> new ActivationLayer(ActivationLayer.Kind.TANH, 11)),
            new Case("sigmoid", 0, mb -> new ActivationLayer(ActivationLayer.Kind.SIGMOID, 11)),
            new Case("flatten", 0, mb -> new FlattenLayer(12)),
            new Case("conv2d 2x6x6 f3 k3 s1 p1", 3 * 18 + 3, mb -> new Conv2dLayer(2, 6, 6, 3, 3, 1, 1, 0, mb)),
            new Case("conv2d 3x7x7 f2 k3 s2 p0", 2 * 27 + 2, mb -> new Conv2dLayer(3, 7, 7, 2, 3, 2, 0, 0, mb)),
            new Case("maxpool 2x6x6 2 s2", 0, mb -> new MaxPoolLayer(2, 6, 6, 2, 2, mb)),
            new Case("maxpool 1x7x7 3 s2", 0, mb -> new MaxPoolLayer(1, 7, 7, 3, 2, mb)),
            new Case("lstm 4x3 h5", 3 * 20 + 5 * 20 + 20, mb -> new LstmLayer(4, 3, 5, 0, mb)),
        };
        return Stream.of(cases).flatMap(c -> Stream.of(Arguments.of(c, 1L), Arguments.of(c, 2L)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void analyticGradientsMatchFiniteDifferences(Case c, long seed) {
        Layer layer = c.build().apply(BATCH);
        SplitMix64 rng = new SplitMix64(seed);
        float[] params = gaussian(rng, c.params(), 0.5);
        boolean kinked = c.name().startsWith("relu") || c.name().startsWith("maxpool");
        float[] in = kinked ? spread(rng, BATCH * layer.inSize) : gaussian(rng, BATCH * layer.inSize, 1.0);
        float[] r = gaussian(rng, BATCH * layer.outSize, 1.0);
        float[] out = new float[BATCH * layer.outSize];
        float[] grads = new float[c.params()];
        float[] dIn = new float[BATCH * layer.inSize];
        layer.forward(POOL, params, in, out, BATCH);
        layer.backward(POOL, params, grads, in, out, r, dIn, BATCH);
        for (int i = 0; i < params.length; i++) {
            double numeric = numeric(layer, params, in, r, params, i);
            assertClose(c + " seed " + seed + " parameter " + i, grads[i], numeric);
        }
        for (int i = 0; i < in.length; i++) {
            double numeric = numeric(layer, params, in, r, in, i);
            assertClose(c + " seed " + seed + " input " + i, dIn[i], numeric);
        }
    }

    private static double numeric(Layer layer, float[] params, float[] in, float[] r, float[] target, int i) {
        float saved = target[i];
        float eps = 1e-2f;
        target[i] = saved + eps;
        double plus = loss(layer, params, in, r);
        target[i] = saved - eps;
        double minus = loss(layer, params, in, r);
        target[i] = saved;
        return (plus - minus) / (2.0 * eps);
    }

    private static double loss(Layer layer, float[] params, float[] in, float[] r) {
        float[] out = new float[BATCH * layer.outSize];
        layer.forward(POOL, params, in, out, BATCH);
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += (double) out[i] * r[i];
        }
        return s;
    }

    private static void assertClose(String what, float analytic, double numeric) {
        double tol = 5e-3 + 2e-2 * Math.max(Math.abs(numeric), Math.abs(analytic));
        assertThat(Math.abs(analytic - numeric))
                .as("%s: analytic %s numeric %s", what, analytic, numeric)
                .isLessThanOrEqualTo(tol);
    }

    /** Distinct values 0.05 apart, none at 0: a finite-difference step of 0.01 never crosses a kink or a tie. */
    private static float[] spread(SplitMix64 rng, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((order[i] - n / 2 + 0.5) * 0.05);
        }
        return x;
    }

    private static float[] gaussian(SplitMix64 rng, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * scale);
        }
        return x;
    }
}
