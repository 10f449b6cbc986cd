package io.learnchain.learn.train;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * Which parameters of a flat parameter vector are frozen (decreased plasticity, paper 001). An
 * optimizer step through {@link #step} changes only the trainable ones: frozen gradients are zeroed
 * before the step and frozen values are written back bit for bit after it, whatever the optimizer.
 */
public final class FrozenParameters {
    private final int count;
    private final int[] frozen;

    private FrozenParameters(int count, int[] frozen) {
        this.count = count;
        this.frozen = frozen;
    }

    /** Nothing frozen: every one of {@code count} parameters trains. */
    public static FrozenParameters none(int count) {
        return new FrozenParameters(count, new int[0]);
    }

    /** The set bits of {@code mask} (all below {@code count}) are frozen. */
    public static FrozenParameters of(BitSet mask, int count) {
        Objects.requireNonNull(mask, "mask");
        if (count < 0 || mask.length() > count) {
            throw new IllegalArgumentException(
                    "frozen mask reaches parameter " + (mask.length() - 1) + " of a vector of " + count);
        }
        return new FrozenParameters(count, mask.stream().toArray());
    }

    public int count() {
        return count;
    }

    public int frozenCount() {
        return frozen.length;
    }

    public int trainableCount() {
        return count - frozen.length;
    }

    public boolean isFrozen(int index) {
        return Arrays.binarySearch(frozen, index) >= 0;
    }

    /** The frozen indices in increasing order (a copy). */
    public int[] indices() {
        return frozen.clone();
    }

    /** One optimizer step on the trainable parameters only; frozen values keep their exact bits. */
    public void step(Optimizer optimizer, long t, float[] w, float[] g, float[] state) {
        if (w.length != count || g.length != count) {
            throw new IllegalArgumentException("the mask covers " + count + " parameters, the step has " + w.length);
        }
        if (frozen.length == 0) {
            optimizer.step(t, w, g, state);
            return;
        }
        float[] saved = new float[frozen.length];
        for (int k = 0; k < frozen.length; k++) {
            saved[k] = w[frozen[k]];
            g[frozen[k]] = 0f;
        }
        optimizer.step(t, w, g, state);
        for (int k = 0; k < frozen.length; k++) {
            w[frozen[k]] = saved[k];
        }
    }
}
