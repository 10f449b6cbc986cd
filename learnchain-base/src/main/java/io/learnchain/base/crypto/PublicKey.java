package io.learnchain.base.crypto;

import io.learnchain.base.bytes.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key: the 32-byte RFC 8032 encoding. Value equality on the bytes.
 *
 * <p>Which signatures are valid is a consensus rule, and it is the JDK provider's: RFC 8032's
 * cofactorless check (S below the group order L, the key's y canonical and on the curve, and the
 * encoding of [S]B - [k]A equal to R byte for byte). The JDK takes about 800 us a verification, so
 * BouncyCastle's (about 100 us) answers first wherever its answer is provably the same, and the JDK
 * decides the rest:
 *
 * <ul>
 *   <li>The key must be in the prime-order subgroup ({@code Ed25519.validatePublicKeyFull}, decided
 *       once per key). Other keys (small-order or mixed-order points, which no honest key
 *       generation makes) go to the JDK only.
 *   <li>BouncyCastle false: the JDK is false too. A signature the JDK accepts has R = [S]B - [k]A
 *       exactly, with R canonical and S below L, which BouncyCastle's check accepts for such a key.
 *   <li>BouncyCastle true and R in the prime-order subgroup: the JDK is true too. BouncyCastle checks
 *       [v]([S]B - [k]A - R) = 0 for a nonzero v below L (its lattice-reduced form of k); with A and R
 *       in the subgroup of prime order L that point is in it too, so it is 0 itself.
 *   <li>BouncyCastle true and R not in that subgroup (a torsion component, which no honest signer
 *       makes): the JDK decides.
 * </ul>
 *
 * {@code Ed25519Test} holds the two to the same answers on honest, tampered, small-order,
 * mixed-order and non-canonical cases.
 */
public final class PublicKey implements Comparable<PublicKey> {
    public static final int LENGTH = 32;

    private final Bytes bytes;
    /** The JDK key, built on first verification by the JDK; a race at worst builds it twice (same value). */
    private volatile java.security.PublicKey jdkKey;

    private volatile boolean malformed;
    /** 0: not decided yet; 1: in the prime-order subgroup (the fast path applies); 2: not. */
    private volatile int subgroup;

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
        byte[] sig = signature.bytes().unsafeArray();
        if (inPrimeOrderSubgroup()) {
            if (!fastVerify(message, sig)) {
                return false;
            }
            if (Ed25519.validatePublicKeyFull(sig, 0)) {
                return true; // R is in the prime-order subgroup too: the JDK's answer is the same
            }
        }
        return jdkVerify(message, sig);
    }

    private boolean fastVerify(byte[] message, byte[] sig) {
        try {
            return Ed25519.verify(sig, 0, bytes.unsafeArray(), 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean inPrimeOrderSubgroup() {
        int known = subgroup;
        if (known == 0) {
            byte[] raw = bytes.unsafeArray();
            known = Ed25519Encoding.isCanonical(raw) && Ed25519.validatePublicKeyFull(raw, 0) ? 1 : 2;
            subgroup = known;
        }
        return known == 1;
    }

    /** The rule's reference: the JDK provider's verification. */
    boolean jdkVerify(byte[] message, byte[] sig) {
        java.security.PublicKey key = jdkKey();
        if (key == null) {
            return false;
        }
        try {
            java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private java.security.PublicKey jdkKey() {
        if (jdkKey != null || malformed) {
            return jdkKey;
        }
        byte[] raw = bytes.unsafeArray();
        if (!Ed25519Encoding.isCanonical(raw)) {
            malformed = true;
            return null;
        }
        boolean xOdd = (raw[31] & 0x80) != 0;
        byte[] yBytes = raw.clone();
        yBytes[31] &= 0x7F;
        BigInteger y = Ed25519Encoding.littleEndian(yBytes);
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
