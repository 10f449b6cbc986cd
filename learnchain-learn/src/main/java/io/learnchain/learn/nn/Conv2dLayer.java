package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.tensor.Gemm;
import java.util.Arrays;

/**
 * 2-D convolution by im2col and {@link Gemm} over the whole batch at once. With K = channels *
 * kernel^2 and P = output positions, the patch matrix cols[K x (B*P)] holds sample b's patches in
 * columns [b*P, (b+1)*P), so:
 * <ul>
 *   <li>forward: out[F x B*P] = bias + W[F x K] . cols, then each (f, b) row moves to out[b][f];
 *   <li>weight gradient: dW^T[K x F] = cols . dOut^T[(B*P) x F], one fma chain per weight over
 *       (sample, position) in order (dOut^T rows padded to 32 floats, so no packing is needed);
 *   <li>input gradient: dCols[K x B*P] = W^T . dOut[F x B*P], then col2im per sample.
 * </ul>
 * Every product runs on the pool over whole output tiles; per-sample loops write disjoint outputs.
 */
final class Conv2dLayer extends Layer {
    private static final int PAD_F = 32;

    private final int c, h, w, f, k, stride, pad, oh, ow, kk, p, fpad;
    private final int wOff, bOff;
    private final float[] cols;
    private final float[] outAll;
    private final int maxBatch;
    private float[] dOutT; // backward only: allocated on first use, so inference stays small
    private final float[] dWt;
    private final float[] wT;

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
        this.p = oh * ow;
        this.fpad = (filters + PAD_F - 1) / PAD_F * PAD_F;
        this.wOff = paramOffset;
        this.bOff = paramOffset + filters * kk;
        this.cols = new float[kk * maxBatch * p];
        this.outAll = new float[f * maxBatch * p];
        this.maxBatch = maxBatch;
        this.dWt = new float[kk * fpad];
        this.wT = new float[kk * f];
    }

    @Override
    void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch) {
        int bp = batch * p;
        pool.forEach(batch, b -> im2col(in, b * inSize, cols, b * p, bp));
        for (int fi = 0; fi < f; fi++) {
            Arrays.fill(outAll, fi * bp, (fi + 1) * bp, params[bOff + fi]);
        }
        Gemm.multiply(pool, f, bp, kk, params, wOff, kk, cols, 0, bp, outAll, 0, bp, true);
        for (int b = 0; b < batch; b++) {
            for (int fi = 0; fi < f; fi++) {
                System.arraycopy(outAll, fi * bp + b * p, out, b * outSize + fi * p, p);
            }
        }
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
                System.arraycopy(dOut, o, outAll, fi * bp + b * p, p);
            }
            grads[bOff + fi] = s;
        }
        // dOut^T rows (sample, position) of fpad floats; columns f..fpad stay zero from allocation.
        if (dOutT == null) {
            dOutT = new float[maxBatch * p * fpad];
        }
        float[] dOutT = this.dOutT;
        pool.forEach(batch, b -> {
            int src = b * outSize;
            int dst = b * p * fpad;
            for (int fi = 0; fi < f; fi++) {
                for (int q = 0; q < p; q++) {
                    dOutT[dst + q * fpad + fi] = dOut[src + fi * p + q];
                }
            }
        });
        Gemm.multiply(pool, kk, fpad, bp, cols, 0, bp, dOutT, 0, fpad, dWt, 0, fpad, false);
        for (int r = 0; r < kk; r++) {
            for (int fi = 0; fi < f; fi++) {
                grads[wOff + fi * kk + r] = dWt[r * fpad + fi];
            }
        }
        if (dIn == null) {
            return;
        }
        for (int r = 0; r < kk; r++) {
            for (int fi = 0; fi < f; fi++) {
                wT[r * f + fi] = params[wOff + fi * kk + r];
            }
        }
        Gemm.multiply(pool, kk, bp, f, wT, 0, f, outAll, 0, bp, cols, 0, bp, false);
        pool.forEach(batch, b -> col2im(cols, b * p, bp, dIn, b * inSize));
    }

    /** Sample patches into columns [dOff, dOff + P) of the K rows of dst (row stride ld). */
    private void im2col(float[] in, int inOff, float[] dst, int dOff, int ld) {
        for (int ci = 0; ci < c; ci++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = dOff + ((ci * k + ky) * k + kx) * ld;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride + ky - pad;
                        int r = row + oy * ow;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(dst, r, r + ow, 0f);
                            continue;
                        }
                        int src = inOff + (ci * h + iy) * w;
                        int lo = firstValid(kx);
                        int hi = endValid(kx);
                        Arrays.fill(dst, r, r + lo, 0f);
                        if (stride == 1) {
                            int from = src + kx - pad;
                            for (int ox = lo; ox < hi; ox++) {
                                dst[r + ox] = in[from + ox];
                            }
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                dst[r + ox] = in[src + ox * stride + kx - pad];
                            }
                        }
                        Arrays.fill(dst, r + Math.max(lo, hi), r + ow, 0f);
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

    /** Adds the patch gradients in columns [sOff, sOff + P) of src (row stride ld) back onto the sample's input. */
    private void col2im(float[] src, int sOff, int ld, float[] dIn, int dOff) {
        Arrays.fill(dIn, dOff, dOff + inSize, 0f);
        for (int ci = 0; ci < c; ci++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = sOff + ((ci * k + ky) * k + kx) * ld;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride + ky - pad;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int dst = dOff + (ci * h + iy) * w + kx - pad;
                        int r = row + oy * ow;
                        int hi = endValid(kx);
                        if (stride == 1) {
                            for (int ox = firstValid(kx); ox < hi; ox++) {
                                dIn[dst + ox] += src[r + ox];
                            }
                        } else {
                            for (int ox = firstValid(kx); ox < hi; ox++) {
                                dIn[dst + ox * stride] += src[r + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
