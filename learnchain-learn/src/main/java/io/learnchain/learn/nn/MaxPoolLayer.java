package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;

/**
 * Max pooling over [C, H, W]; the first maximum in row-major window order wins and takes the gradient.
 * The forward pass keeps no argmax (inference writes only the maxima); backward repeats the same scan
 * on the kept input, so it finds the same winner.
 */
final class MaxPoolLayer extends Layer {
    private final int c, h, w, size, stride, oh, ow;

    MaxPoolLayer(int channels, int height, int width, int size, int stride) {
        super(channels * height * width, channels * ((height - size) / stride + 1) * ((width - size) / stride + 1));
        this.c = channels;
        this.h = height;
        this.w = width;
        this.size = size;
        this.stride = stride;
        this.oh = (height - size) / stride + 1;
        this.ow = (width - size) / stride + 1;
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
        for (int plane = from * c, o = from * outSize; plane < to * c; plane++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, o++) {
                    out[o] = in[winner(in, plane, oy, ox)];
                }
            }
        }
    }

    /** Index in {@code in} of the first maximum of window (oy, ox) of a plane, scanned in row-major order. */
    private int winner(float[] in, int plane, int oy, int ox) {
        int best = (plane * h + oy * stride) * w + ox * stride;
        float bv = in[best];
        for (int dy = 0; dy < size; dy++) {
            int row = (plane * h + oy * stride + dy) * w + ox * stride;
            for (int dx = 0; dx < size; dx++) {
                float v = in[row + dx];
                boolean greater = v > bv;
                best = greater ? row + dx : best;
                bv = greater ? v : bv;
            }
        }
        return best;
    }

    /** The common 2x2 stride-2 window, unrolled: the same comparisons in the same order as {@link #winner}. */
    private void forward2x2(float[] in, float[] out, int fromPlane, int toPlane) {
        int o = fromPlane * oh * ow;
        for (int plane = fromPlane; plane < toPlane; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int r0 = base + 2 * oy * w;
                int r1 = r0 + w;
                for (int ox = 0; ox < ow; ox++, o++) {
                    float best = in[r0 + 2 * ox];
                    float v1 = in[r0 + 2 * ox + 1];
                    best = v1 > best ? v1 : best;
                    float v2 = in[r1 + 2 * ox];
                    best = v2 > best ? v2 : best;
                    float v3 = in[r1 + 2 * ox + 1];
                    out[o] = v3 > best ? v3 : best;
                }
            }
        }
    }

    /** The winner of {@link #forward2x2}'s comparisons takes the gradient, the other three get 0 (no fill, no scatter). */
    private void backward2x2(float[] in, float[] dOut, float[] dIn, int planes) {
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int r0 = base + 2 * oy * w;
                int r1 = r0 + w;
                for (int ox = 0; ox < ow; ox++, o++) {
                    int bi = r0 + 2 * ox;
                    float best = in[bi];
                    float v1 = in[r0 + 2 * ox + 1];
                    bi = v1 > best ? r0 + 2 * ox + 1 : bi;
                    best = v1 > best ? v1 : best;
                    float v2 = in[r1 + 2 * ox];
                    bi = v2 > best ? r1 + 2 * ox : bi;
                    best = v2 > best ? v2 : best;
                    float v3 = in[r1 + 2 * ox + 1];
                    bi = v3 > best ? r1 + 2 * ox + 1 : bi;
                    float d = dOut[o];
                    dIn[r0 + 2 * ox] = bi == r0 + 2 * ox ? d : 0f;
                    dIn[r0 + 2 * ox + 1] = bi == r0 + 2 * ox + 1 ? d : 0f;
                    dIn[r1 + 2 * ox] = bi == r1 + 2 * ox ? d : 0f;
                    dIn[r1 + 2 * ox + 1] = bi == r1 + 2 * ox + 1 ? d : 0f;
                }
            }
        }
    }

    @Override
    void backward(ComputePool pool, float[] params, float[] grads, float[] in, float[] out, float[] dOut, float[] dIn,
            int batch) {
        if (dIn == null) {
            return;
        }
        if (size == 2 && stride == 2 && h % 2 == 0 && w % 2 == 0) {
            backward2x2(in, dOut, dIn, batch * c); // the windows tile the planes: every dIn is written
            return;
        }
        java.util.Arrays.fill(dIn, 0, batch * inSize, 0f);
        for (int plane = 0, o = 0; plane < batch * c; plane++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, o++) {
                    dIn[winner(in, plane, oy, ox)] += dOut[o];
                }
            }
        }
    }
}
