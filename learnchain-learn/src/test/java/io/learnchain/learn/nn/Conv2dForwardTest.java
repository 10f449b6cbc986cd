package io.learnchain.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution's forward paths (im2col, filters x positions on shifted rows, positions x filters on
 * shifted columns) against the definition: per output, one fma chain from the bias over (channel, ky, kx)
 * in order, the zero padding included as products with zero.
 */
class Conv2dForwardTest {
    static LongStream seeds() {
        return LongStream.range(0, 30);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void forwardMatchesTheScalarDefinitionBitForBit(long seed) {
        SplitMix64 rng = new SplitMix64(seed + 77);
        int c = 1 + rng.nextInt(4);
        int k = 1 + rng.nextInt(5);
        int h = k + rng.nextInt(12);
        int w = k + rng.nextInt(12);
        // Many filters (seed % 3 == 0) make the positions x filters product the cheaper one at every width.
        int f = seed % 3 == 0 ? 32 + rng.nextInt(40) : 1 + rng.nextInt(20);
        int stride = seed % 5 == 4 ? 2 : 1;
        int pad = rng.nextInt(3);
        int batch = 1 + rng.nextInt(3);
        Conv2dLayer layer = new Conv2dLayer(c, h, w, f, k, stride, pad, 1, batch);
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        int kk = c * k * k;
        float[] params = random(rng, 1 + f * kk + f);
        float[] in = random(rng, batch * c * h * w);
        float[] expected = new float[batch * f * oh * ow];
        for (int b = 0; b < batch; b++) {
            for (int fi = 0; fi < f; fi++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float s = params[1 + f * kk + fi];
                        for (int ci = 0; ci < c; ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = oy * stride + ky - pad;
                                    int ix = ox * stride + kx - pad;
                                    float x = iy < 0 || iy >= h || ix < 0 || ix >= w
                                            ? 0f
                                            : in[((b * c + ci) * h + iy) * w + ix];
                                    s = Math.fma(params[1 + fi * kk + (ci * k + ky) * k + kx], x, s);
                                }
                            }
                        }
                        expected[((b * f + fi) * oh + oy) * ow + ox] = s;
                    }
                }
            }
        }
        String what = "seed " + seed + " c=" + c + " h=" + h + " w=" + w + " f=" + f + " k=" + k + " stride=" + stride
                + " pad=" + pad;
        float[] out = new float[expected.length];
        layer.forward(ComputePool.serial(), params, in, out, batch);
        assertThat(out).as(what).isEqualTo(expected);
        float[] ranges = new float[expected.length];
        layer.forwardSamples(params, in, ranges, 0, batch);
        assertThat(ranges).as(what).isEqualTo(expected);
        // With the following ReLU fused in: max(x, 0) of the same outputs, as the ReLU layer computes it.
        float[] relu = new float[expected.length];
        ActivationLayer.relu(expected, relu, 0, expected.length);
        layer.fuseRelu();
        float[] fused = new float[expected.length];
        layer.forward(ComputePool.serial(), params, in, fused, batch);
        assertThat(fused).as("relu " + what).isEqualTo(relu);
        float[] fusedRanges = new float[expected.length];
        layer.forwardSamples(params, in, fusedRanges, 0, batch);
        assertThat(fusedRanges).as("relu " + what).isEqualTo(relu);
    }

    private static float[] random(SplitMix64 rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}
