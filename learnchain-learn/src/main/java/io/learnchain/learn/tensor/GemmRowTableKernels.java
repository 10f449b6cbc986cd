package io.learnchain.learn.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link Gemm#multiplyRowTable}: those of {@link GemmKernels} (R rows x 32 columns,
 * one fma chain per output over p = 0 .. k-1 in order) with row p of B starting at
 * {@code bOff + rowOff[p]} instead of {@code bOff + p * ldb}: the rows may be overlapping shifted views
 * of one buffer, as the patch rows of a stride-1 convolution are of its zero-padded input.
 */
final class GemmRowTableKernels {
    private static final VectorSpecies<Float> S = Gemm.S;
    private static final int L = 16;

    private GemmRowTableKernels() {}

    static void block(int rows, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int[] rowOff,
            float[] c, int cOff, int ldc, boolean accumulate) {
        switch (rows) {
            case 8 -> block8x32(k, a, aOff, ars, acs, b, bOff, rowOff, c, cOff, ldc, accumulate);
            case 7 -> block7x32(k, a, aOff, ars, acs, b, bOff, rowOff, c, cOff, ldc, accumulate);
            case 6 -> block6x32(k, a, aOff, ars, acs, b, bOff, rowOff, c, cOff, ldc, accumulate);
            case 5 -> block5x32(k, a, aOff, ars, acs, b, bOff, rowOff, c, cOff, ldc, accumulate);
            case 4 -> block4x32(k, a, aOff, ars, acs, b, bOff, rowOff, c, cOff, ldc, accumulate);
            case 3 -> block3x32(k, a, aOff, ars, acs, b, bOff, rowOff, c, cOff, ldc, accumulate);
            case 2 -> block2x32(k, a, aOff, ars, acs, b, bOff, rowOff, c, cOff, ldc, accumulate);
            case 1 -> block1x32(k, a, aOff, ars, acs, b, bOff, rowOff, c, cOff, ldc, accumulate);
            default -> throw new IllegalStateException("row block of " + rows);
        }
    }

    private static void block8x32(int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int[] rowOff,
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
            int bo = bOff + rowOff[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p * acs;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * ars]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * ars]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6 * ars]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + 7 * ars]);
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

    private static void block7x32(int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int[] rowOff,
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
            int bo = bOff + rowOff[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p * acs;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * ars]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * ars]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6 * ars]);
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

    private static void block6x32(int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int[] rowOff,
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
            int bo = bOff + rowOff[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p * acs;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * ars]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * ars]);
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

    private static void block5x32(int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int[] rowOff,
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
            int bo = bOff + rowOff[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p * acs;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * ars]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * ars]);
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

    private static void block4x32(int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int[] rowOff,
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
            int bo = bOff + rowOff[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p * acs;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * ars]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * ars]);
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

    private static void block3x32(int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int[] rowOff,
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
            int bo = bOff + rowOff[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p * acs;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * ars]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * ars]);
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

    private static void block2x32(int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int[] rowOff,
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
            int bo = bOff + rowOff[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p * acs;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * ars]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
        c10.intoArray(c, cOff + 1 * ldc);
        c11.intoArray(c, cOff + 1 * ldc + L);
    }

    private static void block1x32(int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int[] rowOff,
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
            int bo = bOff + rowOff[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + p * acs;
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * ars]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
        }
        c00.intoArray(c, cOff + 0 * ldc);
        c01.intoArray(c, cOff + 0 * ldc + L);
    }
}
