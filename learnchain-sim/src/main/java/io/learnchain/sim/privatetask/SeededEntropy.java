package io.learnchain.sim.privatetask;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.privacy.EntropySource;

/**
 * The simulation's randomness for the data node's keys and ciphertexts: seeded, so a run repeats.
 * A real data node draws from SecureRandom; a seeded source has no secrecy and is for simulations only.
 */
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
