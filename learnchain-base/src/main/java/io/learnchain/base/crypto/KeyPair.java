package io.learnchain.base.crypto;

import java.util.Objects;

/**
 * An Ed25519 key pair. Its {@code toString} shows the public key only. Make one with
 * {@link #fromSeed}; the canonical constructor does not check that the halves belong together.
 */
public record KeyPair(PublicKey publicKey, PrivateKey privateKey) {

    public KeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * The key pair of a 32-byte seed, deterministically: the same seed always gives the same keys
     * (public dev accounts, tests). Random seeds come from outside the deterministic core.
     */
    public static KeyPair fromSeed(byte[] seed) {
        PrivateKey privateKey = PrivateKey.fromSeed(seed);
        return new KeyPair(privateKey.publicKey(), privateKey);
    }

    public Signature sign(byte[] message) {
        return privateKey.sign(message);
    }
}
