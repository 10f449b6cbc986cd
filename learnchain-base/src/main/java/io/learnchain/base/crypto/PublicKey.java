package io.learnchain.base.crypto;

import io.learnchain.base.bytes.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Objects;

/** An Ed25519 public key: the 32-byte RFC 8032 encoding. Value equality on the bytes. */
public final class PublicKey implements Comparable<PublicKey> {
    public static final int LENGTH = 32;

    private final Bytes bytes;
    /** The JDK key, built on first verification; a race at worst builds it twice (same value). */
    private volatile java.security.PublicKey jdkKey;

    private volatile boolean malformed;

    private PublicKey(Bytes bytes) {
        this.bytes = bytes;
    }

    public static PublicKey of(Bytes bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length() != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key has " + LENGTH + " bytes, got " + bytes.length());
        }
        return new PublicKey(bytes);
    }

    public static PublicKey of(byte[] bytes) {
        return of(Bytes.of(bytes));
    }

    public static PublicKey fromHex(String hex) {
        return of(Bytes.fromHex(hex));
    }

    public Bytes bytes() {
        return bytes;
    }

    public String toHex() {
        return bytes.toHex();
    }

    /**
     * True when {@code signature} is a valid Ed25519 signature of {@code message} by this key.
     * False, never an exception, for a wrong signature, a malformed or non-canonical key or a
     * malformed signature.
     */
    public boolean verify(byte[] message, Signature signature) {
        java.security.PublicKey key = jdkKey();
        if (key == null) {
            return false;
        }
        try {
            java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature.bytes().unsafeArray());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private java.security.PublicKey jdkKey() {
        if (jdkKey != null || malformed) {
            return jdkKey;
        }
        byte[] raw = bytes.unsafeArray();
        if (!Ed25519Point.isCanonical(raw)) {
            malformed = true;
            return null;
        }
        boolean xOdd = (raw[31] & 0x80) != 0;
        byte[] yBytes = raw.clone();
        yBytes[31] &= 0x7F;
        BigInteger y = Ed25519Point.littleEndian(yBytes);
        try {
            jdkKey = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, y)));
        } catch (GeneralSecurityException | RuntimeException e) {
            malformed = true;
        }
        return jdkKey;
    }

    @Override
    public int compareTo(PublicKey other) {
        return bytes.compareTo(other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey other && bytes.equals(other.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }

    @Override
    public String toString() {
        return bytes.toHex();
    }
}
