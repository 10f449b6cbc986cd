package io.learnchain.learn.tensor;

import io.learnchain.learn.compute.ComputePool;
import java.util.Arrays;
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
 * <p>Speed: register-blocked micro-kernels ({@link GemmKernels}, generated) of up to {@code MR} rows x
 * two vectors of the species {@link Lanes} chose for this CPU (8 x 32 floats with AVX-512, 6 x 16 with
 * AVX2, 6 x 8 with 128-bit vectors: the accumulators fit the CPU's vector registers); right-edge blocks
 * run on zero-padded copies (masked vector accesses near an array's end fall back to slow Java code).
 * Tiles of whole outputs run in parallel on the {@link ComputePool}.
 */
public final class Gemm {
    static final VectorSpecies<Float> S = Lanes.FLOAT;
    private static final int L = S.length();
    /** Columns of one micro-kernel: two vectors. Every width divides 32 (the padding unit of the convolutions). */
    private static final int NR = 2 * L;
    /** Rows of one micro-kernel: 2 x MR accumulators, within 32 vector registers (AVX-512) or 16 (AVX2, SSE). */
    private static final int MR = L >= 16 ? 8 : 6;
    /** Contraction block: a 256 x 32 panel of B is 32 KiB, inside L1 with the 8 rows of A. */
    private static final int KC = 256;
    /**
     * Rows of A packed at a time on the packed path: MC x KC floats (144 KiB) stay in L2 while every
     * column panel of the tile runs over them. A multiple of both row counts (8 and 6).
     */
    private static final int MC = 144;
    /**
     * Tiles with at least this many rows and columns and a contraction block at least this long run on
     * packed copies of A and B ({@link #packedBlock}); below it the copies cost more than they save.
     */
    private static final int PACK_MIN = 128;
    /** Below this many multiply-adds a call is not worth waking the pool for. */
    private static final long PARALLEL_MIN_WORK = 1L << 16;

    private Gemm() {}

    /** The micro-kernel's shape at this JVM's width, rows x columns (e.g. "8x32" with AVX-512). */
    public static String microKernel() {
        return MR + "x" + NR;
    }

    /**
     * C[m x n] (row stride ldc, from cOff) = (accumulate ? C : 0) + A[m x k] (row stride lda) .
     * B[k x n] (row stride ldb).
     */
    public static void multiply(
            ComputePool pool,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (lda < k && m > 1) {
            throw new IllegalArgumentException("gemm row stride of A too small: lda=" + lda + " (k=" + k + ")");
        }
        multiply(pool, m, n, k, a, aOff, lda, 1, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * C = (accumulate ? C : 0) + A^T . B where A is stored as [k x m] with row stride lda: the weight
     * gradient x^T . dy without a transposed copy of x.
     */
    public static void multiplyTransposedA(
            ComputePool pool,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (lda < m && k > 1) {
            throw new IllegalArgumentException(
                    "gemm row stride of stored A^T too small: lda=" + lda + " (m=" + m + ")");
        }
        multiply(pool, m, n, k, a, aOff, 1, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * C[m x n] (row stride ldc) = (accumulate ? C : 0) + A[m x k] (row stride lda) . B, where row p of B is
     * {@code b[bOff + rowOff[p] .. + n)}: rows may be overlapping shifted views of one buffer (the patch
     * rows of a stride-1 convolution over its zero-padded input, without an im2col copy). Same bit
     * contract as {@link #multiply}: one fma chain per output over p = 0 .. k-1 in order. Runs on the
     * calling thread (callers parallelise over samples); n must be a multiple of 32 (of {@link #NR}, which
     * divides 32 at every width).
     */
    public static void multiplyRowTable(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int[] rowOff,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        rowTable(m, n, k, a, aOff, lda, b, bOff, rowOff, c, cOff, ldc, accumulate, null, 0);
    }

    /**
     * {@link #multiplyRowTable} with each output's chain starting at its row's bias {@code rowBias[biasOff +
     * i]} instead of at C (the same bits as filling C's rows with the bias first, without the pass).
     */
    public static void multiplyRowTable(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int[] rowOff,
            float[] c,
            int cOff,
            int ldc,
            float[] rowBias,
            int biasOff) {
        requireFits("bias", rowBias, biasOff, m);
        rowTable(m, n, k, a, aOff, lda, b, bOff, rowOff, c, cOff, ldc, false, rowBias, biasOff);
    }

    private static void rowTable(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int[] rowOff,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate,
            float[] bias,
            int biasOff) {
        if (n % 32 != 0 || rowOff.length < k || (lda < k && m > 1)) {
            throw new IllegalArgumentException("row-table gemm needs n a multiple of 32, k <= rowOff.length"
                    + " and lda >= k; got n=" + n + " k=" + k + " rows=" + rowOff.length + " lda=" + lda);
        }
        for (int p = 0; p < k; p++) {
            int off = bOff + rowOff[p];
            if (off < 0 || off + (long) n > b.length) { // the message is built only on failure: this runs per conv call
                requireFits("B row " + p, b, off, n);
            }
        }
        if (m < 0 || k < 0 || ldc < n) {
            throw new IllegalArgumentException("row-table gemm sizes invalid: m=" + m + " k=" + k + " ldc=" + ldc);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k > 0) {
            requireFits("A", a, aOff, (long) (m - 1) * lda + k);
        }
        requireFits("C", c, cOff, (long) (m - 1) * ldc + n);
        for (int j = 0; j < n; j += NR) {
            for (int i = 0; i < m; i += MR) {
                GemmKernels.blockRowTable(
                        Math.min(MR, m - i),
                        k,
                        a,
                        aOff + i * lda,
                        lda,
                        1,
                        b,
                        bOff + j,
                        rowOff,
                        c,
                        cOff + i * ldc + j,
                        ldc,
                        accumulate,
                        bias,
                        bias == null ? 0 : biasOff + i);
            }
        }
    }

    /** Columns of one micro-kernel at this JVM's width (2 vectors): {@link #multiplyColumnTable} needs n a multiple. */
    public static int kernelColumns() {
        return NR;
    }

    /**
     * C[m x n] (row stride ldc) = (accumulate ? C : 0) + A . B[k x n] (row stride ldb), where A(i, p) =
     * {@code a[aOff + i * ars + rowOff[p]]}: row i of A is output position i of a stride-1 convolution and
     * its columns are that position's patch values, read in place from the (padded) input; B holds the
     * filters as columns. Same bit contract as {@link #multiply}: one fma chain per output over p = 0 ..
     * k-1 in order (a product's two factors commute exactly). Runs on the calling thread; n must be a
     * multiple of {@link #kernelColumns()}.
     */
    public static void multiplyColumnTable(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int ars,
            int[] rowOff,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        columnTable(m, n, k, a, aOff, ars, rowOff, b, bOff, ldb, c, cOff, ldc, accumulate, null, 0);
    }

    /**
     * {@link #multiplyColumnTable} with each output's chain starting at its column's bias {@code
     * colBias[biasOff + j]} instead of at C (the same bits as filling C's rows with the bias first).
     */
    public static void multiplyColumnTable(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int ars,
            int[] rowOff,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            float[] colBias,
            int biasOff) {
        requireFits("bias", colBias, biasOff, n);
        columnTable(m, n, k, a, aOff, ars, rowOff, b, bOff, ldb, c, cOff, ldc, false, colBias, biasOff);
    }

    private static void columnTable(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int ars,
            int[] rowOff,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate,
            float[] bias,
            int biasOff) {
        if (n % NR != 0 || rowOff.length < k || m < 0 || k < 0 || ars < 0 || ldb < n || ldc < n) {
            throw new IllegalArgumentException("column-table gemm needs n a multiple of " + NR
                    + ", k <= rowOff.length, ldb >= n and ldc >= n; got m=" + m + " n=" + n + " k=" + k + " rows="
                    + rowOff.length + " ldb=" + ldb + " ldc=" + ldc);
        }
        if (m == 0 || n == 0) {
            return;
        }
        long last = (long) (m - 1) * ars;
        for (int p = 0; p < k; p++) {
            long off = aOff + (long) rowOff[p];
            if (off < 0 || off + last >= a.length) { // the message is built only on failure: this runs per conv call
                requireFits("A column " + p, a, (int) off, last + 1);
            }
        }
        if (k > 0) {
            requireFits("B", b, bOff, (long) (k - 1) * ldb + n);
        }
        requireFits("C", c, cOff, (long) (m - 1) * ldc + n);
        for (int j = 0; j < n; j += NR) {
            for (int i = 0; i < m; i += MR) {
                GemmKernels.blockColumnTable(
                        Math.min(MR, m - i),
                        k,
                        a,
                        aOff + i * ars,
                        ars,
                        rowOff,
                        b,
                        bOff + j,
                        ldb,
                        c,
                        cOff + i * ldc + j,
                        ldc,
                        accumulate,
                        bias,
                        bias == null ? 0 : biasOff + j);
            }
        }
    }

    /** The general form: A(i, p) = a[aOff + i * ars + p * acs]. */
    private static void multiply(
            ComputePool pool,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int ars,
            int acs,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        checkArgs(m, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        int colTile = n <= 64 ? NR * ((n + NR - 1) / NR) : 64;
        int colTiles = (n + colTile - 1) / colTile;
        int rowTile = rowTile(m, colTiles, pool.threads());
        int rowTiles = (m + rowTile - 1) / rowTile;
        int tasks = rowTiles * colTiles;
        if (pool.threads() == 1 || (long) m * n * k < PARALLEL_MIN_WORK || tasks == 1) {
            tile(0, m, 0, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        pool.forEach(tasks, t -> {
            int i0 = (t / colTiles) * rowTile;
            int j0 = (t % colTiles) * colTile;
            tile(
                    i0,
                    Math.min(m, i0 + rowTile),
                    j0,
                    Math.min(n, j0 + colTile),
                    k,
                    a,
                    aOff,
                    ars,
                    acs,
                    b,
                    bOff,
                    ldb,
                    c,
                    cOff,
                    ldc,
                    accumulate);
        });
    }

    private static int rowTile(int m, int colTiles, int threads) {
        int wanted = Math.max(1, 4 * threads / colTiles);
        int rows = (m + wanted - 1) / wanted;
        rows = ((rows + MR - 1) / MR) * MR;
        return Math.max(MR, Math.min(rows, 256));
    }

    /**
     * The reference: plain loops, one fma chain per output, the same bits as {@link #multiply} (and, with
     * {@code ars = 1, acs = lda}, as {@link #multiplyTransposedA}). A(i, p) = a[aOff + i * ars + p * acs].
     */
    public static void multiplyScalar(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int ars,
            int acs,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        checkArgs(m, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[cOff + i * ldc + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[aOff + i * ars + p * acs], b[bOff + p * ldb + j], s);
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    /**
     * One tile of whole outputs. The contraction is cut into blocks of KC so the B panel and the A rows
     * stay in L1; each later block continues the same fma chains from the stored partial sums, so the
     * order of operations (and every bit) is that of one chain over p = 0 .. k-1.
     */
    private static void tile(
            int i0,
            int i1,
            int j0,
            int j1,
            int k,
            float[] a,
            int aOff,
            int ars,
            int acs,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (k <= KC) {
            tileBlock(i0, i1, j0, j1, 0, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            tileBlock(
                    i0,
                    i1,
                    j0,
                    j1,
                    p0,
                    Math.min(k, p0 + KC),
                    a,
                    aOff,
                    ars,
                    acs,
                    b,
                    bOff,
                    ldb,
                    c,
                    cOff,
                    ldc,
                    accumulate || p0 > 0);
        }
    }

    private static void tileBlock(
            int i0,
            int i1,
            int j0,
            int j1,
            int p0,
            int p1,
            float[] a,
            int aOff,
            int ars,
            int acs,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        int k = p1 - p0;
        int aBase = aOff + p0 * acs;
        int bBase = bOff + p0 * ldb;
        if (i1 - i0 >= PACK_MIN && j1 - j0 >= PACK_MIN && k >= PACK_MIN) {
            packedBlock(i0, i1, j0, j1, k, a, aBase, ars, acs, b, bBase, ldb, c, cOff, ldc, accumulate);
            return;
        }
        float[] bPack = null;
        float[] cTile = null;
        for (int j = j0; j < j1; j += NR) {
            int width = Math.min(NR, j1 - j);
            if (width == NR) {
                for (int i = i0; i < i1; i += MR) {
                    GemmKernels.block(
                            Math.min(MR, i1 - i),
                            k,
                            a,
                            aBase + i * ars,
                            ars,
                            acs,
                            b,
                            bBase + j,
                            ldb,
                            c,
                            cOff + i * ldc + j,
                            ldc,
                            accumulate);
                }
                continue;
            }
            // Right edge: a zero-padded copy of the B panel and a C tile, the same kernels, valid outputs back.
            bPack = bPack == null ? new float[Math.max(1, k) * NR] : bPack;
            cTile = cTile == null ? new float[MR * NR] : cTile;
            packPanel(b, bBase + j, ldb, k, width, bPack);
            for (int i = i0; i < i1; i += MR) {
                int rows = Math.min(MR, i1 - i);
                if (accumulate) {
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(c, cOff + (i + r) * ldc + j, cTile, r * NR, width);
                    }
                }
                GemmKernels.block(rows, k, a, aBase + i * ars, ars, acs, bPack, 0, NR, cTile, 0, NR, accumulate);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(cTile, r * NR, c, cOff + (i + r) * ldc + j, width);
                }
            }
        }
    }

    /** Per-thread buffers of the packed path: [0] the B panels of a tile, [1] a block of A rows, [2] a C tile. */
    private static final ThreadLocal<float[][]> PACKS = ThreadLocal.withInitial(() -> new float[3][]);

    /**
     * One contraction block of a tile on packed operands: the tile's B columns are copied once into
     * contiguous k x NR panels (zero-padded on the right edge), then blocks of MC rows of A into
     * contiguous k x MR panels (element (r, p) at p * MR + r), and the same micro-kernels run on the
     * copies (row stride 1, column stride MR for A; row stride NR for B). Copies are not arithmetic:
     * every output is still the one fma chain over p in order that {@link #tileBlock} computes.
     */
    private static void packedBlock(
            int i0,
            int i1,
            int j0,
            int j1,
            int k,
            float[] a,
            int aBase,
            int ars,
            int acs,
            float[] b,
            int bBase,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        float[][] packs = PACKS.get();
        int panels = (j1 - j0 + NR - 1) / NR;
        float[] bPack = packs[0];
        if (bPack == null || bPack.length < panels * k * NR) {
            bPack = packs[0] = new float[panels * k * NR];
        }
        float[] aPack = packs[1];
        if (aPack == null || aPack.length < MC * k) {
            aPack = packs[1] = new float[MC * k];
        }
        float[] cTile = packs[2];
        if (cTile == null) {
            cTile = packs[2] = new float[MR * NR];
        }
        for (int q = 0; q < panels; q++) {
            int j = j0 + q * NR;
            int width = Math.min(NR, j1 - j);
            int d = q * k * NR;
            if (width == NR) {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(b, bBase + p * ldb + j, bPack, d + p * NR, NR);
                }
            } else {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(b, bBase + p * ldb + j, bPack, d + p * NR, width);
                    Arrays.fill(bPack, d + p * NR + width, d + (p + 1) * NR, 0f);
                }
            }
        }
        for (int ib = i0; ib < i1; ib += MC) {
            int ie = Math.min(i1, ib + MC);
            for (int i = ib; i < ie; i += MR) {
                packA(a, aBase + i * ars, ars, acs, Math.min(MR, ie - i), k, aPack, (i - ib) * k);
            }
            for (int q = 0; q < panels; q++) {
                int j = j0 + q * NR;
                int width = Math.min(NR, j1 - j);
                int bo = q * k * NR;
                for (int i = ib; i < ie; i += MR) {
                    int rows = Math.min(MR, ie - i);
                    int ao = (i - ib) * k;
                    if (width == NR) {
                        GemmKernels.block(
                                rows, k, aPack, ao, 1, MR, bPack, bo, NR, c, cOff + i * ldc + j, ldc, accumulate);
                        continue;
                    }
                    if (accumulate) {
                        for (int r = 0; r < rows; r++) {
                            System.arraycopy(c, cOff + (i + r) * ldc + j, cTile, r * NR, width);
                        }
                    }
                    GemmKernels.block(rows, k, aPack, ao, 1, MR, bPack, bo, NR, cTile, 0, NR, accumulate);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(cTile, r * NR, c, cOff + (i + r) * ldc + j, width);
                    }
                }
            }
        }
    }

    /** dst[dOff + p * MR + r] = A(r, p) for r < rows, p < k (A(r, p) = a[off + r * ars + p * acs]). */
    private static void packA(float[] a, int off, int ars, int acs, int rows, int k, float[] dst, int dOff) {
        if (acs == 1) {
            for (int r = 0; r < rows; r++) {
                int src = off + r * ars;
                for (int p = 0; p < k; p++) {
                    dst[dOff + p * MR + r] = a[src + p];
                }
            }
        } else if (ars == 1) {
            for (int p = 0; p < k; p++) {
                System.arraycopy(a, off + p * acs, dst, dOff + p * MR, rows);
            }
        } else {
            for (int p = 0; p < k; p++) {
                for (int r = 0; r < rows; r++) {
                    dst[dOff + p * MR + r] = a[off + r * ars + p * acs];
                }
            }
        }
    }

    /** dst[k x NR] = the first {@code width} columns of a k-row panel of B, zero-padded on the right. */
    private static void packPanel(float[] b, int off, int ldb, int k, int width, float[] dst) {
        for (int p = 0; p < k; p++) {
            int d = p * NR;
            System.arraycopy(b, off + p * ldb, dst, d, width);
            Arrays.fill(dst, d + width, d + NR, 0f);
        }
    }

    private static void checkArgs(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int ars,
            int acs,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm sizes must be non-negative, got m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (ars < 0 || acs < 0 || ldb < n || ldc < n) {
            throw new IllegalArgumentException("gemm strides invalid: A " + ars + "/" + acs + ", ldb=" + ldb + " (n="
                    + n + "), ldc=" + ldc + " (n=" + n + ")");
        }
        if (k > 0) {
            requireFits("A", a, aOff, (long) (m - 1) * ars + (long) (k - 1) * acs + 1);
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
