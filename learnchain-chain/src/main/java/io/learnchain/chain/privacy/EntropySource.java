package io.learnchain.chain.privacy;

import io.learnchain.base.rng.SplitMix64;

/**
 * Where encryption and key generation take their randomness from: a data node passes its
 * {@code SecureRandom::nextBytes}, a test a seeded source. The core never creates randomness of
 * its own (docs/protocol.md section 2); it only draws from what it is handed.
 */
@FunctionalInterface
public interface EntropySource {
    /** Fills {@code into} with random bytes. */
    void nextBytes(byte[] into);

    /**
     * A seeded source, so a run repeats: for tests and simulations only (no secrecy; a data node
     * draws from SecureRandom).
     */
    static EntropySource seeded(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        return into -> {
            for (int i = 0; i < into.length; i++) {
                into[i] = (byte) rng.nextLong();
            }
        };
    }
}
