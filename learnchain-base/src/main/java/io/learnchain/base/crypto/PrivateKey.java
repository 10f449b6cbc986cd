package io.learnchain.base.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Objects;

/**
 * An Ed25519 private key: the 32-byte RFC 8032 seed. {@link #toString()} never prints it; use
 * {@link #seed()} deliberately (key files) and nowhere else.
 */
public final class PrivateKey {
    public static final int LENGTH = 32;

    private final byte[] seed;
    private final java.security.PrivateKey jdkKey;

    private PrivateKey(byte[] seed) {
        this.seed = seed;
        try {
            this.jdkKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 provider is missing or refused a 32-byte seed", e);
        }
    }

    public static PrivateKey fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != LENGTH) {
            throw new IllegalArgumentException(
                    "an Ed25519 private key seed has " + LENGTH + " bytes, got " + seed.length);
        }
        return new PrivateKey(seed.clone());
    }

    /** A copy of the secret seed. Handle with care. */
    public byte[] seed() {
        return seed.clone();
    }

    public PublicKey publicKey() {
        return PublicKey.of(Ed25519Point.publicKeyFromSeed(seed));
    }

    /** The deterministic Ed25519 signature of {@code message} (RFC 8032: same key and message, same bytes). */
    public Signature sign(byte[] message) {
        try {
            java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
            signer.initSign(jdkKey);
            signer.update(message);
            return Signature.of(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed in the JDK provider", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrivateKey other && MessageDigest.isEqual(seed, other.seed);
    }

    @Override
    public int hashCode() {
        return 0x5eed;
    }

    @Override
    public String toString() {
        return "PrivateKey[redacted]";
    }
}
