package io.learnchain.learn.tensor;

import io.learnchain.learn.compute.ComputePool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix product {@code C = (accumulate ? C : 0) + A . B} on row-major arrays, the
 * engine's one heavy kernel (dense layers, convolutions through im2col, LSTM gates).
 *
 * <p>Bit contract: every output element is computed as one chain of fused multiply-adds over
 * {@code p = 0 .. k-1} in order, starting from the old C value (or +0). Vector lanes always hold
 * different output elements (the kernel never adds lanes together), so the bits do not depend on the
 * vector width, the CPU's AVX level, the JIT or interpreter, the tiling or the thread count, and
 * {@link #multiplyScalar} gives exactly the same bits.
 *
 * <p>Speed: register-blocked micro-kernels of up to 8 rows x 32 columns (up to 16 accumulators
 * of the fixed species {@code SPECIES_512}); right-edge blocks run on zero-padded copies (masked vector
 * accesses near an array's end fall back to slow Java code). Tiles of whole outputs run in parallel
 * on the {@link ComputePool}.
 */
public final class Gemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16;
    private static final int NR = 2 * L;
    private static final int MR = 8;
    /** Below this many multiply-adds a call is not worth waking the pool for. */
    private static final long PARALLEL_MIN_WORK = 1L << 16;

    private Gemm() {}

    /**
     * C[m x n] (row stride ldc, from cOff) = (accumulate ? C : 0) + A[m x k] (row stride lda) .
     * B[k x n] (row stride ldb).
     */
    public static void multiply(ComputePool pool, int m, int n, int k, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        checkArgs(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        int colTile = n <= 64 ? NR * ((n + NR - 1) / NR) : 64;
        int colTiles = (n + colTile - 1) / colTile;
        int rowTile = rowTile(m, colTiles, pool.threads());
        int rowTiles = (m + rowTile - 1) / rowTile;
        int tasks = rowTiles * colTiles;
        if (pool.threads() == 1 || (long) m * n * k < PARALLEL_MIN_WORK || tasks == 1) {
            tile(0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        pool.forEach(tasks, t -> {
            int i0 = (t / colTiles) * rowTile;
            int j0 = (t % colTiles) * colTile;
            tile(i0, Math.min(m, i0 + rowTile), j0, Math.min(n, j0 + colTile), k,
                    a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        });
    }

    private static int rowTile(int m, int colTiles, int threads) {
        int wanted = Math.max(1, 4 * threads / colTiles);
        int rows = (m + wanted - 1) / wanted;
        rows = ((rows + MR - 1) / MR) * MR;
        return Math.max(MR, Math.min(rows, 256));
    }

    /** The reference: plain loops, one fma chain per output, the same bits as {@link #multiply}. */
    public static void multiplyScalar(int m, int n, int k, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        checkArgs(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[cOff + i * ldc + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[aOff + i * lda + p], b[bOff + p * ldb + j], s);
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    private static void tile(int i0, int i1, int j0, int j1, int k, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        float[] bPack = null;
        float[] cTile = null;
        for (int j = j0; j < j1; j += NR) {
            int width = Math.min(NR, j1 - j);
            if (width == NR) {
                for (int i = i0; i < i1; i += MR) {
                    block(Math.min(MR, i1 - i), k, a, aOff + i * lda, lda, b, bOff + j, ldb, c, cOff + i * ldc + j,
                            ldc, accumulate);
                }
                continue;
            }
            // Right edge: a zero-padded copy of the B panel and a C tile, the same kernels, valid outputs back.
            bPack = bPack == null ? new float[Math.max(1, k) * NR] : bPack;
            cTile = cTile == null ? new float[MR * NR] : cTile;
            packPanel(b, bOff + j, ldb, k, width, bPack);
            for (int i = i0; i < i1; i += MR) {
                int rows = Math.min(MR, i1 - i);
                if (accumulate) {
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(c, cOff + (i + r) * ldc + j, cTile, r * NR, width);
                    }
                }
                block(rows, k, a, aOff + i * lda, lda, bPack, 0, NR, cTile, 0, NR, accumulate);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(cTile, r * NR, c, cOff + (i + r) * ldc + j, width);
                }
            }
        }
    }

    private static void block(int rows, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        switch (rows) {
            case 8 -> block8x32(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            case 7 -> block7x32(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            case 6 -> block6x32(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            case 5 -> block5x32(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            case 4 -> block4x32(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            case 3 -> block3x32(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            case 2 -> block2x32(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            case 1 -> block1x32(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            default -> throw new IllegalStateException("row block of " + rows);
        }
    }

    /** dst[k x 32] = the first {@code width} columns of a k-row panel of B, zero-padded on the right. */
    private static void packPanel(float[] b, int off, int ldb, int k, int width, float[] dst) {
        for (int p = 0; p < k; p++) {
            int d = p * NR;
            System.arraycopy(b, off + p * ldb, dst, d, width);
            java.util.Arrays.fill(dst, d + width, d + NR, 0f);
        }
    }

    private static void block8x32(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        FloatVector c30, c31;
        FloatVector c40, c41;
        FloatVector c50, c51;
        FloatVector c60, c61;
        FloatVector c70, c71;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + L);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L);
            c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc);
            c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + L);
            c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc);
            c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + L);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
            c10 = FloatVector.zero(S);
            c11 = FloatVector.zero(S);
            c20 = FloatVector.zero(S);
            c21 = FloatVector.zero(S);
            c30 = FloatVector.zero(S);
            c31 = FloatVector.zero(S);
            c40 = FloatVector.zero(S);
            c41 = FloatVector.zero(S);
            c50 = FloatVector.zero(S);
            c51 = FloatVector.zero(S);
            c60 = FloatVector.zero(S);
            c61 = FloatVector.zero(S);
            c70 = FloatVector.zero(S);
            c71 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * lda]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * lda]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * lda]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * lda]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * lda]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * lda]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6 * lda]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + 7 * lda]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }

    private static void block7x32(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        FloatVector c30, c31;
        FloatVector c40, c41;
        FloatVector c50, c51;
        FloatVector c60, c61;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + L);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L);
            c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc);
            c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + L);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
            c10 = FloatVector.zero(S);
            c11 = FloatVector.zero(S);
            c20 = FloatVector.zero(S);
            c21 = FloatVector.zero(S);
            c30 = FloatVector.zero(S);
            c31 = FloatVector.zero(S);
            c40 = FloatVector.zero(S);
            c41 = FloatVector.zero(S);
            c50 = FloatVector.zero(S);
            c51 = FloatVector.zero(S);
            c60 = FloatVector.zero(S);
            c61 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * lda]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * lda]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * lda]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * lda]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * lda]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * lda]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6 * lda]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
    }

    private static void block6x32(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        FloatVector c30, c31;
        FloatVector c40, c41;
        FloatVector c50, c51;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + L);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
            c10 = FloatVector.zero(S);
            c11 = FloatVector.zero(S);
            c20 = FloatVector.zero(S);
            c21 = FloatVector.zero(S);
            c30 = FloatVector.zero(S);
            c31 = FloatVector.zero(S);
            c40 = FloatVector.zero(S);
            c41 = FloatVector.zero(S);
            c50 = FloatVector.zero(S);
            c51 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * lda]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * lda]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * lda]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * lda]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * lda]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * lda]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
    }

    private static void block5x32(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        FloatVector c30, c31;
        FloatVector c40, c41;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + L);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
            c10 = FloatVector.zero(S);
            c11 = FloatVector.zero(S);
            c20 = FloatVector.zero(S);
            c21 = FloatVector.zero(S);
            c30 = FloatVector.zero(S);
            c31 = FloatVector.zero(S);
            c40 = FloatVector.zero(S);
            c41 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * lda]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * lda]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * lda]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * lda]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * lda]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
    }

    private static void block4x32(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        FloatVector c30, c31;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + L);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
            c10 = FloatVector.zero(S);
            c11 = FloatVector.zero(S);
            c20 = FloatVector.zero(S);
            c21 = FloatVector.zero(S);
            c30 = FloatVector.zero(S);
            c31 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * lda]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * lda]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * lda]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * lda]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
    }

    private static void block3x32(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + L);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
            c10 = FloatVector.zero(S);
            c11 = FloatVector.zero(S);
            c20 = FloatVector.zero(S);
            c21 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * lda]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * lda]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * lda]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
    }

    private static void block2x32(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + L);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
            c10 = FloatVector.zero(S);
            c11 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * lda]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * lda]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
    }

    private static void block1x32(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00, c01;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * lda]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
    }

    private static void checkArgs(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm sizes must be non-negative, got m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (lda < k || ldb < n || ldc < n) {
            throw new IllegalArgumentException("gemm row strides too small: lda=" + lda + " (k=" + k + "), ldb=" + ldb
                    + " (n=" + n + "), ldc=" + ldc + " (n=" + n + ")");
        }
        if (k > 0) {
            requireFits("A", a, aOff, (long) (m - 1) * lda + k);
            requireFits("B", b, bOff, (long) (k - 1) * ldb + n);
        }
        requireFits("C", c, cOff, (long) (m - 1) * ldc + n);
    }

    private static void requireFits(String name, float[] x, int off, long extent) {
        if (off < 0 || off + extent > x.length) {
            throw new IllegalArgumentException("gemm operand " + name + " needs " + extent + " floats from offset "
                    + off + " but has length " + x.length);
        }
    }
}
