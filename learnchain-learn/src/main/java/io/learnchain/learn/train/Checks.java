package io.learnchain.learn.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Argument checks, the exact float text and the vector species shared by the training records. */
final class Checks {
    /** Optimizer lanes hold different parameters (no cross-lane arithmetic): vector and scalar parts agree bit for bit. */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    private Checks() {}

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
