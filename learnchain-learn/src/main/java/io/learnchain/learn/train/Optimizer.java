package io.learnchain.learn.train;

import jdk.incubator.vector.FloatVector;

/**
 * An optimizer and its hyperparameters: a closed set of pure step functions. {@link #step} maps
 * (parameters, gradients, state, step number) to new parameters and state, in place, element by
 * element in float32 with a fixed expression order, so the bits are the same everywhere.
 *
 * <p>Flush rule (part of the definition): a gradient of magnitude below 2^-60 counts as 0, and an
 * optimizer state value (momentum, Adam m and v) below 2^-100 is stored as 0. Without it, decaying
 * state of rarely-updated weights drifts into subnormal floats, which x86 handles about 15x slower
 * (Adam on the MLP went from 0.14 to 2.3 ms per step).
 */
public sealed interface Optimizer {

    /** Floats of state per parameter (0, 1 or 2). */
    int stateSlots();

    /** Canonical text, e.g. "sgd lr=0.05 momentum=0.9" (floats in shortest round-trip decimal). */
    String text();

    /** Applies step {@code t} (1-based); {@code state} holds {@code stateSlots() * w.length} floats. */
    void step(long t, float[] w, float[] g, float[] state);

    /** SGD with momentum (PyTorch form): v = momentum * v + g; w = w - v * lr. */
    record Sgd(float learningRate, float momentum) implements Optimizer {
        public Sgd {
            Checks.positiveFinite("sgd learning rate", learningRate);
            Checks.unitInterval("sgd momentum", momentum);
        }

        @Override
        public int stateSlots() {
            return 1;
        }

        @Override
        public String text() {
            return "sgd lr=" + Checks.exact(learningRate) + " momentum=" + Checks.exact(momentum);
        }

        @Override
        public void step(long t, float[] w, float[] g, float[] state) {
            float lr = learningRate;
            float mu = momentum;
            int n = w.length;
            int i = 0;
            for (; i <= n - Checks.S.length(); i += Checks.S.length()) {
                FloatVector gi = Checks.flush(FloatVector.fromArray(Checks.S, g, i), Checks.TINY_GRADIENT);
                FloatVector v = Checks.flush(
                        FloatVector.fromArray(Checks.S, state, i).mul(mu).add(gi), Checks.TINY_STATE);
                v.intoArray(state, i);
                FloatVector.fromArray(Checks.S, w, i).sub(v.mul(lr)).intoArray(w, i);
            }
            for (; i < n; i++) {
                float gi = Checks.flush(g[i], Checks.TINY_GRADIENT);
                float v = Checks.flush(mu * state[i] + gi, Checks.TINY_STATE);
                state[i] = v;
                w[i] = w[i] - v * lr;
            }
        }
    }

    /**
     * Adam (Kingma and Ba) with bias correction folded into the step size:
     * m = b1 m + g (1 - b1); v = b2 v + g g (1 - b2); w = w - m a_t / (sqrt(v) + eps_t) with
     * a_t = lr sqrt(1 - b2^t) / (1 - b1^t) and eps_t = eps sqrt(1 - b2^t), computed in double by
     * StrictMath and rounded to float once per step.
     */
    record Adam(float learningRate, float beta1, float beta2, float epsilon) implements Optimizer {
        public Adam {
            Checks.positiveFinite("adam learning rate", learningRate);
            Checks.unitInterval("adam beta1", beta1);
            Checks.unitInterval("adam beta2", beta2);
            Checks.positiveFinite("adam epsilon", epsilon);
        }

        /** The usual defaults: betas 0.9 and 0.999, epsilon 1e-8. */
        public static Adam of(float learningRate) {
            return new Adam(learningRate, 0.9f, 0.999f, 1e-8f);
        }

        @Override
        public int stateSlots() {
            return 2;
        }

        @Override
        public String text() {
            return "adam lr=" + Checks.exact(learningRate) + " beta1=" + Checks.exact(beta1) + " beta2="
                    + Checks.exact(beta2) + " eps=" + Checks.exact(epsilon);
        }

        @Override
        public void step(long t, float[] w, float[] g, float[] state) {
            double bc1 = 1.0 - StrictMath.pow(beta1, (double) t);
            double bc2 = StrictMath.sqrt(1.0 - StrictMath.pow(beta2, (double) t));
            float a = (float) (learningRate * bc2 / bc1);
            float eps = (float) (epsilon * bc2);
            float b1 = beta1;
            float b2 = beta2;
            float c1 = 1f - b1;
            float c2 = 1f - b2;
            int n = w.length;
            int i = 0;
            for (; i <= n - Checks.S.length(); i += Checks.S.length()) {
                FloatVector gi = Checks.flush(FloatVector.fromArray(Checks.S, g, i), Checks.TINY_GRADIENT);
                FloatVector m = Checks.flush(
                        FloatVector.fromArray(Checks.S, state, i).mul(b1).add(gi.mul(c1)), Checks.TINY_STATE);
                FloatVector v = Checks.flush(
                        FloatVector.fromArray(Checks.S, state, n + i)
                                .mul(b2)
                                .add(gi.mul(gi).mul(c2)),
                        Checks.TINY_STATE);
                m.intoArray(state, i);
                v.intoArray(state, n + i);
                FloatVector wi = FloatVector.fromArray(Checks.S, w, i);
                wi.sub(m.mul(a).div(v.sqrt().add(eps))).intoArray(w, i);
            }
            for (; i < n; i++) {
                float gi = Checks.flush(g[i], Checks.TINY_GRADIENT);
                float m = Checks.flush(b1 * state[i] + gi * c1, Checks.TINY_STATE);
                float v = Checks.flush(b2 * state[n + i] + gi * gi * c2, Checks.TINY_STATE);
                state[i] = m;
                state[n + i] = v;
                w[i] = w[i] - m * a / ((float) StrictMath.sqrt(v) + eps);
            }
        }
    }
}
