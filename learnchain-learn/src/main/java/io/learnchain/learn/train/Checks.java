package io.learnchain.learn.train;

import io.learnchain.learn.tensor.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Argument checks, the exact float text and the vector species shared by the training records. */
final class Checks {
    /** Optimizer lanes hold different parameters (no cross-lane arithmetic): vector and scalar parts agree bit for bit. */
    static final VectorSpecies<Float> S = Lanes.FLOAT;

    /** Gradients below this magnitude count as zero in optimizer steps (see {@link Optimizer}). */
    static final float TINY_GRADIENT = 0x1.0p-60f;
    /** Optimizer state below this magnitude is stored as zero (no subnormals). */
    static final float TINY_STATE = 0x1.0p-100f;

    private Checks() {}

    /** x, or +0 when |x| < tiny (NaN passes through). */
    static float flush(float x, float tiny) {
        return Math.abs(x) < tiny ? 0f : x;
    }

    /** Lane by lane the same as {@link #flush(float, float)}. */
    static FloatVector flush(FloatVector x, float tiny) {
        return x.blend(0f, x.abs().compare(VectorOperators.LT, tiny));
    }

    static void positiveFinite(String what, float v) {
        if (!(v > 0f) || !Float.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }

    static void unitInterval(String what, float v) {
        if (!(v >= 0f && v < 1f)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + v);
        }
    }

    /** Decimal (shortest round-trip) text of a float: exact, since it parses back to the same bits. */
    static String exact(float v) {
        return Float.toString(v);
    }
}
