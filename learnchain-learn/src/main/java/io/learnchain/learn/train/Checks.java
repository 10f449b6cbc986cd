package io.learnchain.learn.train;

/** Argument checks and the exact float text shared by the training records. */
final class Checks {
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
