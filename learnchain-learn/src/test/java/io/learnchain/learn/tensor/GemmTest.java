package io.learnchain.learn.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {
    private static final ComputePool POOL3 = new ComputePool(3);

    @AfterAll
    static void closePool() {
        POOL3.close();
    }

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void vectorKernelMatchesScalarReferenceBitForBit(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        int m = 1 + rng.nextInt(70);
        int n = 1 + rng.nextInt(130);
        int k = rng.nextInt(90);
        int lda = k + rng.nextInt(3);
        int ldb = n + rng.nextInt(3);
        int ldc = n + rng.nextInt(3);
        boolean acc = rng.nextInt(2) == 0;
        float[] a = random(rng, m * lda + 1);
        float[] b = random(rng, Math.max(1, k) * ldb + 2);
        float[] c0 = random(rng, m * ldc + 3);
        float[] expected = c0.clone();
        Gemm.multiplyScalar(m, n, k, a, 1, lda, 1, b, 2, ldb, expected, 3, ldc, acc);
        for (ComputePool pool : new ComputePool[] {ComputePool.serial(), POOL3}) {
            float[] c = c0.clone();
            Gemm.multiply(pool, m, n, k, a, 1, lda, b, 2, ldb, c, 3, ldc, acc);
            assertThat(c)
                    .as("seed %d m=%d n=%d k=%d acc=%s threads=%d", seed, m, n, k, acc, pool.threads())
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void transposedAMatchesScalarReferenceBitForBit(long seed) {
        SplitMix64 rng = new SplitMix64(seed + 1000);
        int m = 1 + rng.nextInt(70);
        int n = 1 + rng.nextInt(70);
        int k = 1 + rng.nextInt(90);
        int lda = m + rng.nextInt(3);
        float[] a = random(rng, k * lda);
        float[] b = random(rng, k * n);
        float[] expected = new float[m * n];
        Gemm.multiplyScalar(m, n, k, a, 0, 1, lda, b, 0, n, expected, 0, n, false);
        float[] c = new float[m * n];
        Gemm.multiplyTransposedA(POOL3, m, n, k, a, 0, lda, b, 0, n, c, 0, n, false);
        assertThat(c).as("seed %d m=%d n=%d k=%d", seed, m, n, k).isEqualTo(expected);
        float[] at = new float[m * k];
        Transpose.transpose(a, 0, lda, k, m, at, 0, k);
        float[] viaCopy = new float[m * n];
        Gemm.multiply(ComputePool.serial(), m, n, k, at, 0, k, b, 0, n, viaCopy, 0, n, false);
        assertThat(viaCopy).isEqualTo(expected);
    }

    @ParameterizedTest(name = "accumulate {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void longContractionsCutIntoBlocksKeepTheBitsOfOneChain(boolean accumulate) {
        SplitMix64 rng = new SplitMix64(accumulate ? 7 : 8);
        int m = 19;
        int n = 70;
        int k = 777;
        float[] a = random(rng, m * k);
        float[] b = random(rng, k * n);
        float[] c0 = random(rng, m * n);
        float[] expected = c0.clone();
        Gemm.multiplyScalar(m, n, k, a, 0, k, 1, b, 0, n, expected, 0, n, accumulate);
        float[] c = c0.clone();
        Gemm.multiply(POOL3, m, n, k, a, 0, k, b, 0, n, c, 0, n, accumulate);
        assertThat(c).isEqualTo(expected);
        float[] t = c0.clone();
        float[] at = new float[k * m];
        Transpose.transpose(a, 0, k, m, k, at, 0, m);
        Gemm.multiplyTransposedA(ComputePool.serial(), m, n, k, at, 0, m, b, 0, n, t, 0, n, accumulate);
        assertThat(t).isEqualTo(expected);
    }

    static LongStream packedSeeds() {
        return LongStream.range(0, 12);
    }

    /** Sizes that take the packed path (many row and column panels, long contractions, ragged edges). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("packedSeeds")
    void packedOperandsKeepTheBitsOfTheScalarReference(long seed) {
        SplitMix64 rng = new SplitMix64(seed + 3000);
        int m = 16 + rng.nextInt(300);
        int n = 64 + rng.nextInt(200);
        int k = 16 + rng.nextInt(600);
        boolean transposed = rng.nextInt(2) == 0;
        int lda = (transposed ? m : k) + rng.nextInt(3);
        int ldb = n + rng.nextInt(3);
        int ldc = n + rng.nextInt(3);
        boolean acc = rng.nextInt(2) == 0;
        float[] a = random(rng, (transposed ? k : m) * lda + 1);
        float[] b = random(rng, k * ldb + 2);
        float[] c0 = random(rng, m * ldc + 3);
        float[] expected = c0.clone();
        Gemm.multiplyScalar(
                m, n, k, a, 1, transposed ? 1 : lda, transposed ? lda : 1, b, 2, ldb, expected, 3, ldc, acc);
        for (ComputePool pool : new ComputePool[] {ComputePool.serial(), POOL3}) {
            float[] c = c0.clone();
            if (transposed) {
                Gemm.multiplyTransposedA(pool, m, n, k, a, 1, lda, b, 2, ldb, c, 3, ldc, acc);
            } else {
                Gemm.multiply(pool, m, n, k, a, 1, lda, b, 2, ldb, c, 3, ldc, acc);
            }
            assertThat(c)
                    .as(
                            "seed %d m=%d n=%d k=%d transposed=%s acc=%s threads=%d",
                            seed, m, n, k, transposed, acc, pool.threads())
                    .isEqualTo(expected);
        }
    }

    @Test
    void sumsEachOutputAsOneFmaChainInOrder() {
        // 1e8 + 1 - 1e8 in float: an fma chain in order gives 0 for (1e8, 1, -1e8) products.
        float[] a = {1e8f, 1f, -1e8f};
        float[] b = {1f, 1f, 1f};
        float[] c = new float[1];
        Gemm.multiply(ComputePool.serial(), 1, 1, 3, a, 0, 3, b, 0, 1, c, 0, 1, false);
        assertThat(c[0]).isEqualTo(0f);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rowTableProductMatchesScalarReferenceOnTheGatheredRowsBitForBit(long seed) {
        SplitMix64 rng = new SplitMix64(seed + 2000);
        int m = 1 + rng.nextInt(20);
        int n = 32 * (1 + rng.nextInt(4));
        int k = rng.nextInt(60);
        int lda = k + rng.nextInt(3);
        float[] buf = random(rng, 300 + n);
        int[] rowOff = new int[k + rng.nextInt(3)];
        for (int p = 0; p < rowOff.length; p++) {
            rowOff[p] = rng.nextInt(300); // overlapping shifted views of one buffer, in no particular order
        }
        float[] gathered = new float[Math.max(1, k) * n];
        for (int p = 0; p < k; p++) {
            System.arraycopy(buf, 1 + rowOff[p], gathered, p * n, n);
        }
        boolean acc = rng.nextInt(2) == 0;
        float[] a = random(rng, m * lda + 1);
        float[] c0 = random(rng, m * n + 2);
        float[] expected = c0.clone();
        Gemm.multiplyScalar(m, n, k, a, 1, lda, 1, gathered, 0, n, expected, 2, n, acc);
        float[] c = c0.clone();
        Gemm.multiplyRowTable(m, n, k, a, 1, lda, buf, 1, rowOff, c, 2, n, acc);
        assertThat(c).as("seed %d m=%d n=%d k=%d acc=%s", seed, m, n, k, acc).isEqualTo(expected);
        // Chains that start at a per-row bias: as if C's rows were filled with it first.
        float[] bias = random(rng, m + 1);
        float[] withBias = c0.clone();
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(withBias, 2 + i * n, 2 + (i + 1) * n, bias[1 + i]);
        }
        Gemm.multiplyScalar(m, n, k, a, 1, lda, 1, gathered, 0, n, withBias, 2, n, true);
        float[] cb = c0.clone();
        Gemm.multiplyRowTable(m, n, k, a, 1, lda, buf, 1, rowOff, cb, 2, n, bias, 1);
        assertThat(cb).as("bias: seed %d m=%d n=%d k=%d", seed, m, n, k).isEqualTo(withBias);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void columnTableProductMatchesScalarReferenceOnTheGatheredColumnsBitForBit(long seed) {
        SplitMix64 rng = new SplitMix64(seed + 4000);
        int m = 1 + rng.nextInt(20);
        int n = Gemm.kernelColumns() * (1 + rng.nextInt(3));
        int k = rng.nextInt(60);
        int ars = 1 + rng.nextInt(2);
        float[] buf = random(rng, 300 + m * ars);
        int[] rowOff = new int[k + rng.nextInt(3)];
        for (int p = 0; p < rowOff.length; p++) {
            rowOff[p] = rng.nextInt(300); // overlapping shifted views of one buffer, in no particular order
        }
        float[] gathered = new float[m * Math.max(1, k)]; // A(i, p) = buf[1 + i * ars + rowOff[p]]
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                gathered[i * k + p] = buf[1 + i * ars + rowOff[p]];
            }
        }
        int ldb = n + rng.nextInt(3);
        int ldc = n + rng.nextInt(3);
        boolean acc = rng.nextInt(2) == 0;
        float[] b = random(rng, Math.max(1, k) * ldb + 1);
        float[] c0 = random(rng, m * ldc + 2);
        float[] expected = c0.clone();
        Gemm.multiplyScalar(m, n, k, gathered, 0, k, 1, b, 1, ldb, expected, 2, ldc, acc);
        float[] c = c0.clone();
        Gemm.multiplyColumnTable(m, n, k, buf, 1, ars, rowOff, b, 1, ldb, c, 2, ldc, acc);
        assertThat(c).as("seed %d m=%d n=%d k=%d acc=%s", seed, m, n, k, acc).isEqualTo(expected);
        // Chains that start at a per-column bias: as if C's rows held the bias first.
        float[] bias = random(rng, n + 3);
        float[] withBias = c0.clone();
        for (int i = 0; i < m; i++) {
            System.arraycopy(bias, 3, withBias, 2 + i * ldc, n);
        }
        Gemm.multiplyScalar(m, n, k, gathered, 0, k, 1, b, 1, ldb, withBias, 2, ldc, true);
        float[] cb = c0.clone();
        Gemm.multiplyColumnTable(m, n, k, buf, 1, ars, rowOff, b, 1, ldb, cb, 2, ldc, bias, 3);
        assertThat(cb).as("bias: seed %d m=%d n=%d k=%d", seed, m, n, k).isEqualTo(withBias);
    }

    @Test
    void columnTableProductRejectsColumnsOutsideTheBuffer() {
        int n = Gemm.kernelColumns();
        assertThatThrownBy(() -> Gemm.multiplyColumnTable(
                        2,
                        n,
                        2,
                        new float[10],
                        0,
                        1,
                        new int[] {0, 9},
                        new float[2 * n],
                        0,
                        n,
                        new float[2 * n],
                        0,
                        n,
                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A column 1");
    }

    @Test
    void rowTableProductRejectsRowsOutsideTheBuffer() {
        assertThatThrownBy(() -> Gemm.multiplyRowTable(
                        1, 32, 2, new float[2], 0, 2, new float[40], 0, new int[] {0, 9}, new float[32], 0, 32, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("B row 1");
    }

    @Test
    void rejectsOperandsTooSmallForTheSizes() {
        assertThatThrownBy(() -> Gemm.multiply(
                        ComputePool.serial(),
                        2,
                        2,
                        2,
                        new float[3],
                        0,
                        2,
                        new float[4],
                        0,
                        2,
                        new float[4],
                        0,
                        2,
                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A needs");
    }

    static float[] random(SplitMix64 rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}
