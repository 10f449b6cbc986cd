package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;

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
        for (int b = 0; b < batch; b++) {
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

    @Override
    void backward(ComputePool pool, float[] params, float[] grads, float[] in, float[] out, float[] dOut, float[] dIn,
            int batch) {
        if (dIn == null) {
            return;
        }
        java.util.Arrays.fill(dIn, 0, batch * inSize, 0f);
        int n = batch * outSize;
        for (int o = 0; o < n; o++) {
            dIn[argmax[o]] += dOut[o];
        }
    }
}
