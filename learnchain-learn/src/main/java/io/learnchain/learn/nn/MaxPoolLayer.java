package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import java.util.Arrays;

/** Max pooling over [C, H, W]; the first maximum in row-major window order wins and takes the gradient. */
final class MaxPoolLayer extends Layer {
    private final int c, h, w, size, stride, oh, ow;
    private final int[] argmax;

    MaxPoolLayer(int channels, int height, int width, int size, int stride, int maxBatch) {
        super(channels * height * width, channels * ((height - size) / stride + 1) * ((width - size) / stride + 1));
        this.c = channels;
        this.h = height;
        this.w = width;
        this.size = size;
        this.stride = stride;
        this.oh = (height - size) / stride + 1;
        this.ow = (width - size) / stride + 1;
        this.argmax = new int[maxBatch * outSize];
    }

    @Override
    void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch) {
        forwardSamples(params, in, out, 0, batch);
    }

    @Override
    void forwardSamples(float[] params, float[] in, float[] out, int from, int to) {
        if (size == 2 && stride == 2) {
            forward2x2(in, out, from * c, to * c);
            return;
        }
        for (int b = from; b < to; b++) {
            int inOff = b * inSize;
            int o = b * outSize;
            for (int ci = 0; ci < c; ci++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++, o++) {
                        int best = inOff + (ci * h + oy * stride) * w + ox * stride;
                        float bv = in[best];
                        for (int dy = 0; dy < size; dy++) {
                            int row = inOff + (ci * h + oy * stride + dy) * w + ox * stride;
                            for (int dx = 0; dx < size; dx++) {
                                float v = in[row + dx];
                                boolean greater = v > bv;
                                best = greater ? row + dx : best;
                                bv = greater ? v : bv;
                            }
                        }
                        out[o] = bv;
                        argmax[o] = best;
                    }
                }
            }
        }
    }

    /** The common 2x2 stride-2 window, unrolled: the same scan in the same order as the general case. */
    private void forward2x2(float[] in, float[] out, int fromPlane, int toPlane) {
        int o = fromPlane * oh * ow;
        for (int plane = fromPlane; plane < toPlane; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int r0 = base + 2 * oy * w;
                int r1 = r0 + w;
                for (int ox = 0; ox < ow; ox++, o++) {
                    int i0 = r0 + 2 * ox;
                    int i2 = r1 + 2 * ox;
                    float v0 = in[i0];
                    float v1 = in[i0 + 1];
                    float v2 = in[i2];
                    float v3 = in[i2 + 1];
                    float best = v0;
                    int bi = i0;
                    boolean g = v1 > best;
                    best = g ? v1 : best;
                    bi = g ? i0 + 1 : bi;
                    g = v2 > best;
                    best = g ? v2 : best;
                    bi = g ? i2 : bi;
                    g = v3 > best;
                    best = g ? v3 : best;
                    bi = g ? i2 + 1 : bi;
                    out[o] = best;
                    argmax[o] = bi;
                }
            }
        }
    }

    @Override
    void backward(
            ComputePool pool,
            float[] params,
            float[] grads,
            float[] in,
            float[] out,
            float[] dOut,
            float[] dIn,
            int batch) {
        if (dIn == null) {
            return;
        }
        Arrays.fill(dIn, 0, batch * inSize, 0f);
        int n = batch * outSize;
        for (int o = 0; o < n; o++) {
            dIn[argmax[o]] += dOut[o];
        }
    }
}
