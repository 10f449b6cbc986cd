package io.learnchain.learn.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The engine's own exp, sigmoid and tanh in float32: a fixed sequence of IEEE operations (explicit
 * fma, min/max, one division, exact bit manipulation for the power of two), so the bits are the same
 * on every CPU, JIT and interpreter, and the array versions (Vector API, lane by lane at any width)
 * agree bit for bit with the scalar ones. About 10x faster than {@code StrictMath} in double; relative error of exp
 * below 2 ulp on [-87, 88], absolute error of sigmoid and tanh below 2.5e-7.
 *
 * <p>exp(x): x clamped to [-87.33654, 88]; n = round-to-nearest-even(x log2 e) by the 1.5 * 2^23
 * trick; r = x - n ln2 (two-part ln2, fma); e^r by the Cephes degree-6 polynomial; times 2^n built
 * from the exponent bits. sigmoid(x) = 1 / (1 + exp(-x)); tanh(x) = 1 - 2 / (1 + exp(2x)).
 */
public final class Activations {
    private static final VectorSpecies<Float> S = Lanes.FLOAT;
    private static final float LO = -87.33654f;
    private static final float HI = 88.0f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float MAGIC = 12582912f;
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private Activations() {}

    public static float exp(float x) {
        float xc = Math.max(Math.min(x, HI), LO);
        float t = Math.fma(xc, LOG2E, MAGIC);
        float n = t - MAGIC;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float er = Math.fma(p, r * r, r) + 1f;
        int e = Float.floatToRawIntBits(t) - MAGIC_BITS + 127;
        return er * Float.intBitsToFloat(e << 23);
    }

    public static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    public static float tanh(float x) {
        return 1f - 2f / (1f + exp(2f * x));
    }

    private static FloatVector exp(FloatVector x) {
        // Constants are broadcast here, never held in static vector fields (that defeats C2's unboxing).
        FloatVector xc = x.min(HI).max(LO);
        FloatVector t = xc.fma(c(LOG2E), c(MAGIC));
        FloatVector n = t.sub(MAGIC);
        FloatVector r = n.fma(c(-LN2_HI), xc);
        r = n.fma(c(-LN2_LO), r);
        FloatVector p = c(P0).fma(r, c(P1));
        p = p.fma(r, c(P2));
        p = p.fma(r, c(P3));
        p = p.fma(r, c(P4));
        p = p.fma(r, c(P5));
        FloatVector er = p.fma(r.mul(r), r).add(1f);
        IntVector e =
                ((IntVector) t.viewAsIntegralLanes()).sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return er.mul((FloatVector) e.viewAsFloatingLanes());
    }

    private static FloatVector c(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** dst[dOff + i] = sigmoid(src[sOff + i]) for i in [0, n); src and dst may be the same range. */
    public static void sigmoid(float[] src, int sOff, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i <= n - S.length(); i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, src, sOff + i);
            FloatVector one = FloatVector.broadcast(S, 1f);
            one.div(exp(x.neg()).add(1f)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = sigmoid(src[sOff + i]);
        }
    }

    /** dst[dOff + i] = tanh(src[sOff + i]) for i in [0, n); src and dst may be the same range. */
    public static void tanh(float[] src, int sOff, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i <= n - S.length(); i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, src, sOff + i);
            FloatVector two = FloatVector.broadcast(S, 2f);
            FloatVector q = two.div(exp(x.mul(2f)).add(1f));
            FloatVector.broadcast(S, 1f).sub(q).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = tanh(src[sOff + i]);
        }
    }
}
