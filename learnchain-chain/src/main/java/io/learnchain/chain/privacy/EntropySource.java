package io.learnchain.chain.privacy;

/**
 * Where encryption and key generation take their randomness from: a data node passes its
 * {@code SecureRandom::nextBytes}, a test a seeded source. The core never creates randomness of
 * its own (docs/protocol.md section 2); it only draws from what it is handed.
 */
@FunctionalInterface
public interface EntropySource {
    /** Fills {@code into} with random bytes. */
    void nextBytes(byte[] into);
}
