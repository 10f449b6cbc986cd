package io.learnchain.base.crypto;

import java.security.MessageDigest;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key: the 32-byte RFC 8032 seed. {@link #toString()} never prints it; use
 * {@link #seed()} deliberately (key files) and nowhere else. Signing and public key derivation are
 * BouncyCastle's RFC 8032 code: deterministic, so the same bytes as any RFC 8032 signer (the tests
 * hold it to the RFC's vectors and to the JDK's provider), at about 30 us a signature instead of the
 * JDK's 500 us.
 */
public final class PrivateKey {
    public static final int LENGTH = 32;

    private final byte[] seed;
    /** The public key's encoding, derived once: a signature hashes it in. */
    private final byte[] publicKey;

    private PrivateKey(byte[] seed) {
        this.seed = seed;
        this.publicKey = new byte[PublicKey.LENGTH];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
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
        return PublicKey.of(publicKey);
    }

    /** The deterministic Ed25519 signature of {@code message} (RFC 8032: same key and message, same bytes). */
    public Signature sign(byte[] message) {
        byte[] signature = new byte[Signature.LENGTH];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return Signature.of(signature);
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
