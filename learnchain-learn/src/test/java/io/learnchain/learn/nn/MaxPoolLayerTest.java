package io.learnchain.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 2x2 stride-2 pool (vectorised where a row has room for whole vectors) against a plain scan in
 * row-major window order, bit for bit: ties (the first maximum wins), -0.0 against +0.0 and NaN.
 */
class MaxPoolLayerTest {
    private static final float[] VALUES = {0f, -0f, 1f, -1f, 2f, Float.NaN, 0.5f, 3f};

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"1, 28, 28", "6, 28, 28", "16, 10, 10", "3, 34, 34", "2, 6, 6", "1, 64, 66", "4, 7, 9"})
    void twoByTwoMatchesTheScanInOrder(int c, int h, int w) {
        int batch = 3;
        MaxPoolLayer layer = new MaxPoolLayer(c, h, w, 2, 2, batch);
        int oh = (h - 2) / 2 + 1;
        int ow = (w - 2) / 2 + 1;
        SplitMix64 rng = new SplitMix64(c * 1000L + h * 31L + w);
        float[] in = new float[batch * c * h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = VALUES[rng.nextInt(VALUES.length)];
        }
        float[] out = new float[batch * c * oh * ow];
        layer.forward(ComputePool.serial(), new float[0], in, out, batch);
        float[] dOut = new float[out.length];
        for (int i = 0; i < dOut.length; i++) {
            dOut[i] = i + 1;
        }
        float[] dIn = new float[in.length];
        layer.backward(ComputePool.serial(), new float[0], new float[0], in, out, dOut, dIn, batch);
        float[] expectedDIn = new float[in.length];
        int o = 0;
        for (int plane = 0; plane < batch * c; plane++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, o++) {
                    int best = plane * h * w + 2 * oy * w + 2 * ox;
                    float bv = in[best];
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int i = plane * h * w + (2 * oy + dy) * w + 2 * ox + dx;
                            if (in[i] > bv) {
                                bv = in[i];
                                best = i;
                            }
                        }
                    }
                    assertThat(Float.floatToRawIntBits(out[o]))
                            .as("output %d", o)
                            .isEqualTo(Float.floatToRawIntBits(bv));
                    expectedDIn[best] += dOut[o];
                }
            }
        }
        assertThat(dIn).isEqualTo(expectedDIn);
    }
}
