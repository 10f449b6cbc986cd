package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.tensor.Gemm;
import io.learnchain.learn.tensor.Lanes;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * 2-D convolution as matrix products. With K = channels * kernel^2 and P = output positions, each sample
 * b owns a block of {@code cols} (colStride floats) and:
 * <ul>
 *   <li>forward, stride 1: out[b][F x P] = bias + W[F x K] . patches, the patch rows read as shifted views
 *       of the sample's zero-padded input ({@link Gemm#multiplyRowTable}, no im2col copy); other strides
 *       build the patch columns cols_b[K x P] (im2col) first;
 *   <li>weight gradient: dW[F x K] = sum over b in order of dOut_b[F x P] . rows_b[P x K] (im2row, K padded
 *       to 32), one fma chain per weight over (sample, position);
 *   <li>input gradient, per sample: dCols = W^T[K x F] . dOut[b][F x P], then col2im while in cache.
 * </ul>
 * Every product runs on the pool over whole output tiles or per sample; per-sample work writes disjoint outputs.
 */
final class Conv2dLayer extends Layer {
    private static final int PAD_F = 32;
    private static final VectorSpecies<Float> S = Lanes.FLOAT;
    private static final int L = S.length();
    /** Half the kernels' width (at least 128 bits): im2row copies a kernel row of up to that many floats in one. */
    private static final VectorSpecies<Float> HALF = L >= 8 ? Lanes.floats(L * 16) : S;
    /** A quarter of the 512-bit width: four floats. */
    private static final VectorSpecies<Float> QUARTER = Lanes.floats(128);

    private final int c, h, w, f, k, stride, pad, oh, ow, kk, p, kpad;
    private final int wOff, bOff;
    private final float[] cols;
    /** Floats per sample in cols: its patches (either layout) or its direct-forward scratch. */
    private final int colStride;

    private final float[] dW;
    private final float[] wT;
    /** Per kernel column kx: the valid output columns [firstValid, endValid) (precomputed: no divisions in loops). */
    private final int[] firstValid;

    private final int[] endValid;
    /**
     * Stride-1 forward without im2col ({@code rowOff != null}): the sample's zero-padded input (hp x wp
     * planes) and an [F x nq] product tile live in the sample's own block of {@code cols}; patch row
     * (ci, ky, kx) is the padded input shifted by rowOff = (ci * hp + ky) * wp + kx, and output (oy, ox)
     * is product column oy * wp + ox. Same values, zeros and order as the im2col product: same bits.
     */
    private final int[] rowOff;

    private final int hp, wp, nq, padLen;
    /**
     * Stride-1 forward as positions x filters instead ({@link Gemm#multiplyColumnTable}), where that
     * computes fewer padded products: per output row, A's rows are its ow positions (patch values read in
     * place from the input, or its padded copy, at rowOff), B = W^T zero-padded to {@link #nt} filters, and
     * the [P x nt] tile is copied back transposed. Each output is the same fma chain from the bias over the
     * same products in the same order as the filters x positions product: the same bits.
     */
    private final boolean byPositions;
    /** Filters padded to the kernel's columns (the by-positions B and tile width). */
    private final int nt;
    /**
     * The ReLU after this layer runs here ({@link #fuseRelu}): the forward pass writes max(x, 0) of each
     * output (the ReLU layer's output, the same bits) instead of x, while the output is in cache.
     */
    private boolean relu;
    /** im2row copies each kernel row with one vector of {@link #HALF} (narrower stores than {@link #S}). */
    private final boolean halfCopy;
    /** Samples per chunk of the weight gradient: their patch rows take about {@link #CHUNK_FLOATS}. */
    private final int chunk;
    /** The patch rows of one chunk of samples, in floats (512 KiB: inside a core's L2). */
    private static final int CHUNK_FLOATS = 1 << 17;

    Conv2dLayer(
            int channels,
            int height,
            int width,
            int filters,
            int kernel,
            int stride,
            int pad,
            int paramOffset,
            int maxBatch) {
        super(
                channels * height * width,
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
        this.kpad = (kk + PAD_F - 1) / PAD_F * PAD_F;
        this.wOff = paramOffset;
        this.bOff = paramOffset + filters * kk;
        this.dW = new float[filters * kpad];
        this.wT = new float[kk * f];
        this.firstValid = new int[kernel];
        this.endValid = new int[kernel];
        for (int kx = 0; kx < kernel; kx++) {
            firstValid[kx] = computeFirstValid(kx);
            endValid[kx] = Math.max(firstValid[kx], computeEndValid(kx));
        }
        this.hp = height + 2 * pad;
        this.wp = width + 2 * pad;
        this.nq = (oh * wp + PAD_F - 1) / PAD_F * PAD_F;
        int lastRow = ((channels - 1) * hp + kernel - 1) * wp + kernel - 1;
        this.padLen = Math.max(channels * hp * wp + L, lastRow + nq);
        this.rowOff = stride == 1 ? rowOffsets() : null;
        // im2col / dCols [K x P]; the rows [P x kpad] + slack + padded input + slack; the direct forward's scratch.
        int scratch = Math.max(kk * p, p * kpad + L + channels * hp * wp + L);
        this.nt = (filters + Gemm.kernelColumns() - 1) / Gemm.kernelColumns() * Gemm.kernelColumns();
        this.byPositions = rowOff != null && (long) filters * nq > (long) p * nt;
        this.colStride = rowOff == null ? scratch : Math.max(scratch, Math.max(padLen + filters * nq, padLen + p * nt));
        this.cols = new float[colStride * maxBatch];
        this.chunk = Math.max(1, CHUNK_FLOATS / (p * kpad));
        this.halfCopy = L >= 8 && kernel <= HALF.length();
    }

    private int[] rowOffsets() {
        int[] off = new int[kk];
        for (int ci = 0; ci < c; ci++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    off[(ci * k + ky) * k + kx] = (ci * hp + ky) * wp + kx;
                }
            }
        }
        return off;
    }

    /** From now on the forward pass writes the output of the ReLU that follows this layer (see {@link #relu}). */
    void fuseRelu() {
        relu = true;
    }

    @Override
    void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch) {
        float[] wt = byPositions ? filterColumns(params) : null;
        pool.forEach(batch, b -> forwardSample(params, wt, in, out, b));
    }

    @Override
    void forwardSamples(float[] params, float[] in, float[] out, int from, int to) {
        float[] wt = byPositions ? filterColumns(params) : null;
        for (int b = from; b < to; b++) {
            forwardSample(params, wt, in, out, b);
        }
    }

    /**
     * W^T [kk x nt]: the filters as columns, zero beyond the f-th (the by-positions product's B), followed
     * by the nt biases (zero beyond the f-th).
     */
    private float[] filterColumns(float[] params) {
        float[] wt = new float[kk * nt + nt];
        for (int fi = 0; fi < f; fi++) {
            for (int r = 0; r < kk; r++) {
                wt[r * nt + fi] = params[wOff + fi * kk + r];
            }
        }
        System.arraycopy(params, bOff, wt, kk * nt, f);
        return wt;
    }

    private void forwardSample(float[] params, float[] wt, float[] in, float[] out, int b) {
        if (byPositions) {
            forwardByPositions(params, wt, in, out, b);
            return;
        }
        if (rowOff != null) {
            forwardDirect(params, in, out, b);
            return;
        }
        // Its patch columns, then its product while they are still in cache.
        int colOff = b * colStride;
        im2col(in, b * inSize, cols, colOff, p);
        int o = b * outSize;
        for (int fi = 0; fi < f; fi++) {
            Arrays.fill(out, o + fi * p, o + (fi + 1) * p, params[bOff + fi]);
        }
        Gemm.multiply(ComputePool.serial(), f, p, kk, params, wOff, kk, cols, colOff, p, out, o, p, true);
        if (relu) {
            ActivationLayer.relu(out, o, out, o, outSize);
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
        // Bias gradient: per filter, the sum over (sample, position) in order; the filters' chains interleave.
        float[] bias = new float[f];
        for (int b = 0; b < batch; b++) {
            int o = b * outSize;
            for (int q = 0; q < p; q++) {
                for (int fi = 0; fi < f; fi++) {
                    bias[fi] += dOut[o + fi * p + q];
                }
            }
        }
        System.arraycopy(bias, 0, grads, bOff, f);
        // dW[F x K] = sum over b of dOut_b[F x P] . rows_b[P x K]: one fma chain per weight over (sample,
        // position) in order; sample b continues the partial sums of b - 1. The patch rows (im2row:
        // position-major, kpad floats per position, the pad columns zero) of a chunk of samples are built
        // (in parallel over its samples), then one task per 32 columns of dW runs the chunk's samples in
        // order. On one thread a chunk's rows fit in L2 and are read back from there; with several threads
        // the chunk is the whole batch (two parallel sections in all).
        int step = pool.threads() == 1 ? chunk : batch;
        for (int b0 = 0; b0 < batch; b0 += step) {
            int from = b0;
            int to = Math.min(batch, b0 + step);
            pool.forEach(to - from, i -> im2row(in, (from + i) * inSize, cols, (from + i) * colStride));
            pool.forEach(kpad / PAD_F, t -> {
                int j = t * PAD_F;
                for (int b = from; b < to; b++) {
                    Gemm.multiply(
                            ComputePool.serial(),
                            f,
                            PAD_F,
                            p,
                            dOut,
                            b * outSize,
                            p,
                            cols,
                            b * colStride + j,
                            kpad,
                            dW,
                            j,
                            kpad,
                            b > 0);
                }
            });
        }
        for (int fi = 0; fi < f; fi++) {
            System.arraycopy(dW, fi * kpad, grads, wOff + fi * kk, kk);
        }
        if (dIn == null) {
            return;
        }
        for (int r = 0; r < kk; r++) {
            for (int fi = 0; fi < f; fi++) {
                wT[r * f + fi] = params[wOff + fi * kk + r];
            }
        }
        pool.forEach(batch, b -> {
            Gemm.multiply(
                    ComputePool.serial(), kk, p, f, wT, 0, f, dOut, b * outSize, p, cols, b * colStride, p, false);
            col2im(cols, b * colStride, p, dIn, b * inSize);
        });
    }

    /** One sample's stride-1 forward on its padded input, in its own block of cols (see {@link #rowOff}). */
    private void forwardDirect(float[] params, float[] in, float[] out, int b) {
        int base = b * colStride;
        int tile = base + padLen;
        padInput(in, b * inSize, cols, base);
        Arrays.fill(cols, base + c * hp * wp + L, base + padLen, 0f);
        Gemm.multiplyRowTable(f, nq, kk, params, wOff, kk, cols, base, rowOff, cols, tile, nq, params, bOff);
        int o = b * outSize;
        for (int fi = 0; fi < f; fi++) {
            for (int oy = 0; oy < oh; oy++) {
                int from = tile + fi * nq + oy * wp;
                int to = o + (fi * oh + oy) * ow;
                if (relu) {
                    ActivationLayer.relu(cols, from, out, to, ow);
                } else {
                    System.arraycopy(cols, from, out, to, ow);
                }
            }
        }
    }

    /** One sample's stride-1 forward as positions x filters (see {@link #byPositions}). */
    private void forwardByPositions(float[] params, float[] wt, float[] in, float[] out, int b) {
        int base = b * colStride;
        float[] src = in;
        int srcOff = b * inSize;
        if (pad > 0) {
            padInput(in, b * inSize, cols, base);
            src = cols;
            srcOff = base;
        }
        int tile = base + padLen;
        for (int oy = 0; oy < oh; oy++) {
            Gemm.multiplyColumnTable(
                    ow,
                    nt,
                    kk,
                    src,
                    srcOff + oy * wp,
                    1,
                    rowOff,
                    wt,
                    0,
                    nt,
                    cols,
                    tile + oy * ow * nt,
                    nt,
                    wt,
                    kk * nt);
        }
        int o = b * outSize;
        for (int fi = 0; fi < f; fi++) {
            int t = tile + fi;
            int d = o + fi * p;
            if (relu) {
                for (int q = 0; q < p; q++) {
                    out[d + q] = Math.max(cols[t + q * nt], 0f);
                }
            } else {
                for (int q = 0; q < p; q++) {
                    out[d + q] = cols[t + q * nt];
                }
            }
        }
    }

    /**
     * Sample patches as rows: dst[dOff + q * kpad + r] = patch value r of output position q (zero outside
     * the image). Copies each kernel row as whole vectors (one at widths of k floats or more) from a
     * zero-padded copy of the input (after the rows in the sample's block); each copy's spill past its k
     * floats (fewer than one vector) is overwritten by the next copy, the last one's lands in the pad
     * columns (whose products are never read), the next row, or the block's slack.
     */
    private void im2row(float[] in, int inOff, float[] dst, int dOff) {
        int padded = dOff + p * kpad + L;
        padInput(in, inOff, dst, padded);
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int row = dOff + (oy * ow + ox) * kpad;
                int src = padded + oy * stride * wp + ox * stride;
                if (halfCopy) {
                    for (int ci = 0; ci < c; ci++) {
                        for (int ky = 0; ky < k; ky++) {
                            int from = src + (ci * hp + ky) * wp;
                            int to = row + (ci * k + ky) * k;
                            FloatVector.fromArray(HALF, dst, from).intoArray(dst, to);
                        }
                    }
                    continue;
                }
                for (int ci = 0; ci < c; ci++) {
                    for (int ky = 0; ky < k; ky++) {
                        int from = src + (ci * hp + ky) * wp;
                        int to = row + (ci * k + ky) * k;
                        for (int x = 0; x < k; x += L) {
                            FloatVector.fromArray(S, dst, from + x).intoArray(dst, to + x);
                        }
                    }
                }
            }
        }
    }

    /** dst[dOff ..] = the sample's input in zero-padded hp x wp planes, followed by L zeros of slack. */
    private void padInput(float[] in, int inOff, float[] dst, int dOff) {
        Arrays.fill(dst, dOff, dOff + c * hp * wp + L, 0f);
        for (int ci = 0; ci < c; ci++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, inOff + (ci * h + y) * w, dst, dOff + (ci * hp + y + pad) * wp + pad, w);
            }
        }
    }

    /** Sample patches into columns [dOff, dOff + P) of the K rows of dst (row stride ld). */
    private void im2col(float[] in, int inOff, float[] dst, int dOff, int ld) {
        for (int ci = 0; ci < c; ci++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = dOff + ((ci * k + ky) * k + kx) * ld;
                    int lo = firstValid[kx];
                    int hi = endValid[kx];
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride + ky - pad;
                        int r = row + oy * ow;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(dst, r, r + ow, 0f);
                            continue;
                        }
                        int src = inOff + (ci * h + iy) * w;
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
                        Arrays.fill(dst, r + hi, r + ow, 0f);
                    }
                }
            }
        }
    }

    /**
     * dst[d + i] += src[s + i] for i < n: whole vectors of the kernels' width, then of half and a quarter
     * of it (at least 128 bits), then single floats; each element gets the one addition it would get alone.
     */
    private static void addInto(float[] dst, int d, float[] src, int s, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, dst, d + i)
                    .add(FloatVector.fromArray(S, src, s + i))
                    .intoArray(dst, d + i);
        }
        if (L >= 8 && i + HALF.length() <= n) {
            FloatVector.fromArray(HALF, dst, d + i)
                    .add(FloatVector.fromArray(HALF, src, s + i))
                    .intoArray(dst, d + i);
            i += HALF.length();
        }
        if (L >= 16 && i + 4 <= n) {
            FloatVector.fromArray(QUARTER, dst, d + i)
                    .add(FloatVector.fromArray(QUARTER, src, s + i))
                    .intoArray(dst, d + i);
            i += 4;
        }
        for (; i < n; i++) {
            dst[d + i] += src[s + i];
        }
    }

    /** First output column whose input column ox * stride + kx - pad is inside the image. */
    private int computeFirstValid(int kx) {
        int lo = pad - kx;
        return lo <= 0 ? 0 : Math.min(ow, (lo + stride - 1) / stride);
    }

    /** One past the last output column whose input column is inside the image. */
    private int computeEndValid(int kx) {
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
                    int lo = firstValid[kx];
                    int hi = endValid[kx];
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride + ky - pad;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int dst = dOff + (ci * h + iy) * w + kx - pad;
                        int r = row + oy * ow;
                        if (stride == 1) {
                            addInto(dIn, dst + lo, src, r + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                dIn[dst + ox * stride] += src[r + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
