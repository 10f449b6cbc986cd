package io.learnchain.chain.privacy;

import io.learnchain.base.rng.SplitMix64;

/** A seeded {@link EntropySource} for tests only: a data node uses SecureRandom. */
final class SeededEntropy implements EntropySource {
    private final SplitMix64 rng;

    SeededEntropy(long seed) {
        rng = new SplitMix64(seed);
    }

    @Override
    public void nextBytes(byte[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = (byte) rng.nextLong();
        }
    }
}
