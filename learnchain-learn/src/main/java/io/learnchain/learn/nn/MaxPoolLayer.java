package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.tensor.Lanes;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Max pooling over [C, H, W]; the first maximum in row-major window order wins and takes the gradient. */
final class MaxPoolLayer extends Layer {
    private static final VectorSpecies<Float> S = Lanes.FLOAT;
    private static final int L = S.length();
    private static final VectorSpecies<Integer> SI = Lanes.ints(S.vectorBitSize());
    /** Half the width: the L / 2 outputs of one vector of input pairs. */
    private static final VectorSpecies<Integer> HI = Lanes.ints(Math.max(64, S.vectorBitSize() / 2));
    /** At 512 bits: 256-bit floats and ints, and 128-bit ints, for the H / 2 outputs after the whole steps. */
    private static final VectorSpecies<Float> FH = Lanes.floats(256);

    private static final VectorSpecies<Integer> IH = Lanes.ints(256);
    private static final VectorSpecies<Integer> IQ = Lanes.ints(128);
    /** Outputs per vector step of the 2x2 pool. */
    private static final int H = L / 2;
    /**
     * The 2x2 pool runs on vectors from 128 bits up (2 outputs per step there, narrowed to 64-bit vectors:
     * +37% on lenet5 inference at 128 bits against the scalar scan, thread CPU time, 2026-12-07).
     */
    private static final boolean VECTOR_2X2 = L >= 4;

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
        forwardSamples(params, in, out, 0, batch);
    }

    @Override
    void forwardSamples(float[] params, float[] in, float[] out, int from, int to) {
        if (size == 2 && stride == 2) {
            forward2x2(in, out, from * c, to * c);
            return;
        }
        for (int b = from; b < to; b++) {
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

    /** The common 2x2 stride-2 window, unrolled: the same scan in the same order as the general case. */
    private void forward2x2(float[] in, float[] out, int fromPlane, int toPlane) {
        int o = fromPlane * oh * ow;
        for (int plane = fromPlane; plane < toPlane; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int r0 = base + 2 * oy * w;
                int r1 = r0 + w;
                int ox = 0;
                if (VECTOR_2X2 && ow >= H) {
                    for (; ox + H <= ow; ox += H, o += H) {
                        vector2x2(in, out, r0 + 2 * ox, o);
                    }
                    if (ox < ow) {
                        // The last outputs of the row: one more step ending at the row's end, which computes
                        // some outputs again (the same operations, the same values and indices).
                        int back = H - (ow - ox);
                        vector2x2(in, out, r0 + 2 * (ox - back), o - back);
                        o += ow - ox;
                        ox = ow;
                    }
                } else if (VECTOR_2X2 && L >= 16 && ow >= H / 2) {
                    for (; ox + H / 2 <= ow; ox += H / 2, o += H / 2) {
                        half2x2(in, out, r0 + 2 * ox, o);
                    }
                    if (ox < ow) {
                        int back = H / 2 - (ow - ox);
                        half2x2(in, out, r0 + 2 * (ox - back), o - back);
                        o += ow - ox;
                        ox = ow;
                    }
                }
                for (; ox < ow; ox++, o++) {
                    int i0 = r0 + 2 * ox;
                    int i2 = r1 + 2 * ox;
                    float v0 = in[i0];
                    float v1 = in[i0 + 1];
                    float v2 = in[i2];
                    float v3 = in[i2 + 1];
                    float best = v0;
                    int bi = i0;
                    boolean g = v1 > best;
                    best = g ? v1 : best;
                    bi = g ? i0 + 1 : bi;
                    g = v2 > best;
                    best = g ? v2 : best;
                    bi = g ? i2 : bi;
                    g = v3 > best;
                    best = g ? v3 : best;
                    bi = g ? i2 + 1 : bi;
                    out[o] = best;
                    argmax[o] = bi;
                }
            }
        }
    }

    /**
     * H outputs of the 2x2 window from L floats of each of two input rows (from {@code i0} and {@code i0 +
     * w}): the even lanes hold the windows' left columns and, after a 32-bit shift of each 64-bit pair,
     * their right columns; the same four comparisons in the same order as the scalar scan select value
     * and index in each even lane, whose low halves are then narrowed into H outputs.
     */
    private void vector2x2(float[] in, float[] out, int i0, int o) {
        FloatVector a = FloatVector.fromArray(S, in, i0);
        FloatVector b = FloatVector.fromArray(S, in, i0 + w);
        FloatVector a1 =
                a.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 32).reinterpretAsFloats();
        FloatVector b1 =
                b.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 32).reinterpretAsFloats();
        IntVector idx = IntVector.broadcast(SI, i0).add(IntVector.zero(SI).addIndex(1));
        FloatVector best = a;
        IntVector bi = idx;
        VectorMask<Float> g = a1.compare(VectorOperators.GT, best);
        best = best.blend(a1, g);
        bi = bi.blend(idx.add(1), g.cast(SI));
        g = b.compare(VectorOperators.GT, best);
        best = best.blend(b, g);
        bi = bi.blend(idx.add(w), g.cast(SI));
        g = b1.compare(VectorOperators.GT, best);
        best = best.blend(b1, g);
        bi = bi.blend(idx.add(w + 1), g.cast(SI));
        best.reinterpretAsLongs()
                .convertShape(VectorOperators.L2I, HI, 0)
                .reinterpretAsFloats()
                .intoArray(out, o);
        ((IntVector) bi.reinterpretAsLongs().convertShape(VectorOperators.L2I, HI, 0)).intoArray(argmax, o);
    }

    /** {@link #vector2x2} at half the width (512-bit kernels only): H / 2 outputs. */
    private void half2x2(float[] in, float[] out, int i0, int o) {
        FloatVector a = FloatVector.fromArray(FH, in, i0);
        FloatVector b = FloatVector.fromArray(FH, in, i0 + w);
        FloatVector a1 =
                a.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 32).reinterpretAsFloats();
        FloatVector b1 =
                b.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 32).reinterpretAsFloats();
        IntVector idx = IntVector.broadcast(IH, i0).add(IntVector.zero(IH).addIndex(1));
        FloatVector best = a;
        IntVector bi = idx;
        VectorMask<Float> g = a1.compare(VectorOperators.GT, best);
        best = best.blend(a1, g);
        bi = bi.blend(idx.add(1), g.cast(IH));
        g = b.compare(VectorOperators.GT, best);
        best = best.blend(b, g);
        bi = bi.blend(idx.add(w), g.cast(IH));
        g = b1.compare(VectorOperators.GT, best);
        best = best.blend(b1, g);
        bi = bi.blend(idx.add(w + 1), g.cast(IH));
        best.reinterpretAsLongs()
                .convertShape(VectorOperators.L2I, IQ, 0)
                .reinterpretAsFloats()
                .intoArray(out, o);
        ((IntVector) bi.reinterpretAsLongs().convertShape(VectorOperators.L2I, IQ, 0)).intoArray(argmax, o);
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
        if (dIn == null) {
            return;
        }
        Arrays.fill(dIn, 0, batch * inSize, 0f);
        int n = batch * outSize;
        for (int o = 0; o < n; o++) {
            dIn[argmax[o]] += dOut[o];
        }
    }
}
