package io.learnchain.learn.train;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;

/**
 * A fixed, non-trainable transform applied to every input sample before the first layer, in training
 * and evaluation alike (the proof-of-learning "secure mapping layer" of a round). Exact: it only
 * moves values and flips signs, so it adds no rounding.
 */
public sealed interface InputTransform {

    /** dst[dOff .. dOff + size) = transform of src[sOff .. sOff + size). */
    void apply(float[] src, int sOff, float[] dst, int dOff, int size);

    InputTransform IDENTITY = new Identity();

    /** No transform. */
    final class Identity implements InputTransform {
        private Identity() {}

        @Override
        public void apply(float[] src, int sOff, float[] dst, int dOff, int size) {
            System.arraycopy(src, sOff, dst, dOff, size);
        }

        @Override
        public String toString() {
            return "identity";
        }
    }

    /**
     * out[j] = sign[j] * in[perm[j]] with a Fisher-Yates permutation and independent signs drawn from
     * {@code SplitMix64.derive(seed, 0)} and {@code derive(seed, 1)}.
     */
    final class SignedPermutation implements InputTransform {
        private final long seed;
        private final int[] perm;
        private final boolean[] negate;

        public SignedPermutation(long seed, int size) {
            if (size < 1) {
                throw new IllegalArgumentException("transform size must be positive, got " + size);
            }
            this.seed = seed;
            this.perm = new int[size];
            for (int i = 0; i < size; i++) {
                perm[i] = i;
            }
            SplitMix64.derive(seed, 0).shuffle(perm);
            SplitMix64 signs = SplitMix64.derive(seed, 1);
            this.negate = new boolean[size];
            for (int i = 0; i < size; i++) {
                negate[i] = signs.nextLong() < 0;
            }
        }

        /** The mapping of a round: seeded by the first 8 bytes (little-endian) of {@code hash}. */
        public static SignedPermutation fromHash(Hash hash, int size) {
            return new SignedPermutation(hash.firstLongLE(), size);
        }

        public long seed() {
            return seed;
        }

        @Override
        public void apply(float[] src, int sOff, float[] dst, int dOff, int size) {
            if (size != perm.length) {
                throw new IllegalArgumentException("transform built for " + perm.length + " values, got " + size);
            }
            for (int j = 0; j < size; j++) {
                float v = src[sOff + perm[j]];
                dst[dOff + j] = negate[j] ? -v : v;
            }
        }

        @Override
        public String toString() {
            return "signed-permutation " + Long.toUnsignedString(seed) + " x" + perm.length;
        }
    }
}
