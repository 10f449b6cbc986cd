package io.learnchain.learn.tensor;

/** Out-of-place matrix transpose (exact: moves bits only), in cache-friendly blocks. */
public final class Transpose {
    private static final int BLOCK = 32;

    private Transpose() {}

    /** dst[cols x rows] (row stride ldd, from dOff) = transpose of src[rows x cols] (row stride lds, from sOff). */
    public static void transpose(float[] src, int sOff, int lds, int rows, int cols, float[] dst, int dOff, int ldd) {
        for (int i0 = 0; i0 < rows; i0 += BLOCK) {
            int i1 = Math.min(rows, i0 + BLOCK);
            for (int j0 = 0; j0 < cols; j0 += BLOCK) {
                int j1 = Math.min(cols, j0 + BLOCK);
                for (int i = i0; i < i1; i++) {
                    int s = sOff + i * lds;
                    for (int j = j0; j < j1; j++) {
                        dst[dOff + j * ldd + i] = src[s + j];
                    }
                }
            }
        }
    }
}
