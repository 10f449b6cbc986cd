package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.tensor.Gemm;
import io.learnchain.learn.tensor.Transpose;

/**
 * 2-D convolution by im2col and {@link Gemm}: per sample, out[F x P] = W[F x K] . cols[K x P] with
 * K = channels * kernel^2 and P = output positions. Samples run in parallel (each writes its own
 * output); the weight gradient is one product over all samples' positions in (sample, position) order.
 */
final class Conv2dLayer extends Layer {
    private final int c, h, w, f, k, stride, pad, oh, ow, kk, kpad, p;
    private final int wOff, bOff;
    private final float[] colsT;
    private final float[] cols;
    private final float[] dOutPacked;
    private final float[] wT;
    private final float[] dWpad;

    Conv2dLayer(int channels, int height, int width, int filters, int kernel, int stride, int pad, int paramOffset,
            int maxBatch) {
        super(channels * height * width,
                filters * ((height + 2 * pad - kernel) / stride + 1) * ((width + 2 * pad - kernel) / stride + 1));
        this.c = channels;
        this.h = height;
        this.w = width;
        this.f = filters;
        this.k = kernel;
        this.stride = stride;
        this.pad = pad;
        this.oh = (height + 2 * pad - kernel) / stride + 1;
        this.ow = (width + 2 * pad - kernel) / stride + 1;
        this.kk = channels * kernel * kernel;
        this.kpad = (kk + 31) / 32 * 32;
        this.p = oh * ow;
        this.wOff = paramOffset;
        this.bOff = paramOffset + filters * kk;
        this.colsT = new float[maxBatch * kk * p];
        this.cols = new float[maxBatch * kpad * p];
        this.dWpad = new float[filters * kpad];
        this.dOutPacked = new float[maxBatch * f * p];
        this.wT = new float[kk * f];
    }

    @Override
    void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch) {
        pool.forEach(batch, b -> {
            int colOff = b * kk * p;
            im2col(in, b * inSize, colsT, colOff);
            int o = b * outSize;
            for (int fi = 0; fi < f; fi++) {
                java.util.Arrays.fill(out, o + fi * p, o + (fi + 1) * p, params[bOff + fi]);
            }
            Gemm.multiply(ComputePool.serial(), f, p, kk, params, wOff, kk, colsT, colOff, p, out, o, p, true);
        });
    }

    @Override
    void backward(ComputePool pool, float[] params, float[] grads, float[] in, float[] out, float[] dOut, float[] dIn,
            int batch) {
        int bp = batch * p;
        for (int fi = 0; fi < f; fi++) {
            float s = 0f;
            for (int b = 0; b < batch; b++) {
                int o = b * outSize + fi * p;
                for (int q = 0; q < p; q++) {
                    s += dOut[o + q];
                }
                System.arraycopy(dOut, o, dOutPacked, fi * bp + b * p, p);
            }
            grads[bOff + fi] = s;
        }
        // cols rows are padded to a multiple of 32 with zeros (never written) so the product needs no packing.
        pool.forEach(batch, b -> Transpose.transpose(colsT, b * kk * p, p, kk, p, cols, b * p * kpad, kpad));
        Gemm.multiply(pool, f, kpad, bp, dOutPacked, 0, bp, cols, 0, kpad, dWpad, 0, kpad, false);
        for (int fi = 0; fi < f; fi++) {
            System.arraycopy(dWpad, fi * kpad, grads, wOff + fi * kk, kk);
        }
        if (dIn == null) {
            return;
        }
        Transpose.transpose(params, wOff, kk, f, kk, wT, 0, f);
        pool.forEach(batch, b -> {
            int colOff = b * kk * p;
            Gemm.multiply(ComputePool.serial(), kk, p, f, wT, 0, f, dOut, b * outSize, p, colsT, colOff, p, false);
            col2im(colsT, colOff, dIn, b * inSize);
        });
    }

    private void im2col(float[] in, int inOff, float[] dst, int dOff) {
        for (int ci = 0; ci < c; ci++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = dOff + ((ci * k + ky) * k + kx) * p;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride + ky - pad;
                        int r = row + oy * ow;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(dst, r, r + ow, 0f);
                            continue;
                        }
                        int src = inOff + (ci * h + iy) * w;
                        int lo = firstValid(kx);
                        int hi = endValid(kx);
                        java.util.Arrays.fill(dst, r, r + lo, 0f);
                        if (stride == 1) {
                            if (hi > lo) {
                                System.arraycopy(in, src + lo + kx - pad, dst, r + lo, hi - lo);
                            }
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                dst[r + ox] = in[src + ox * stride + kx - pad];
                            }
                        }
                        java.util.Arrays.fill(dst, r + Math.max(lo, hi), r + ow, 0f);
                    }
                }
            }
        }
    }

    /** First output column whose input column ox * stride + kx - pad is inside the image. */
    private int firstValid(int kx) {
        int lo = pad - kx;
        return lo <= 0 ? 0 : Math.min(ow, (lo + stride - 1) / stride);
    }

    /** One past the last output column whose input column is inside the image. */
    private int endValid(int kx) {
        int lim = w - 1 - kx + pad; // ox * stride <= lim
        return lim < 0 ? 0 : Math.min(ow, lim / stride + 1);
    }

    private void col2im(float[] src, int sOff, float[] dIn, int dOff) {
        java.util.Arrays.fill(dIn, dOff, dOff + inSize, 0f);
        for (int ci = 0; ci < c; ci++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = sOff + ((ci * k + ky) * k + kx) * p;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride + ky - pad;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int dst = dOff + (ci * h + iy) * w + kx - pad;
                        int r = row + oy * ow;
                        int hi = endValid(kx);
                        for (int ox = firstValid(kx); ox < hi; ox++) {
                            dIn[dst + ox * stride] += src[r + ox];
                        }
                    }
                }
            }
        }
    }
}
