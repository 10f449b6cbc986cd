package io.learnchain.chain.privacy;

import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The prime-order group of the inner-product functional encryption: secp256k1 (cofactor 1, so
 * every point on the curve is in the group of order q), through BouncyCastle's custom-curve
 * arithmetic. Points travel as 33-byte compressed encodings (0x02 or 0x03, then x); the point at
 * infinity has no encoding here and is refused, as is any x that is not on the curve.
 */
public final class IpfeGroup {
    /** The curve's name in BouncyCastle's table of named curves. */
    public static final String CURVE = "secp256k1";
    /** Bytes of one encoded point. */
    public static final int POINT_BYTES = 33;
    /** Bytes of one encoded scalar (big-endian, below q). */
    public static final int SCALAR_BYTES = 32;

    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName(CURVE);
    private static final ECCurve CURVE_ARITHMETIC = PARAMETERS.getCurve();
    private static final ECPoint GENERATOR = PARAMETERS.getG().normalize();
    private static final BigInteger ORDER = PARAMETERS.getN();
    private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

    private IpfeGroup() {}

    /** q, the order of the group. */
    public static BigInteger order() {
        return ORDER;
    }

    /** g, the generator. */
    public static ECPoint generator() {
        return GENERATOR;
    }

    /** The identity (point at infinity). */
    public static ECPoint identity() {
        return CURVE_ARITHMETIC.getInfinity();
    }

    /** g^k for any integer k (reduced mod q), by a fixed-base comb over g's precomputed table. */
    public static ECPoint generatorTimes(BigInteger k) {
        BigInteger reduced = k.mod(ORDER);
        if (reduced.signum() == 0) {
            return identity();
        }
        return COMB.multiply(GENERATOR, reduced);
    }

    /** Brings {@code points} to affine form with one shared field inversion (in place). */
    public static void normalizeAll(ECPoint[] points) {
        CURVE_ARITHMETIC.normalizeAll(points);
    }

    /** A uniform scalar in [1, q), by rejection from 32 random bytes. */
    public static BigInteger randomScalar(EntropySource entropy) {
        byte[] bytes = new byte[SCALAR_BYTES];
        while (true) {
            entropy.nextBytes(bytes);
            BigInteger candidate = new BigInteger(1, bytes);
            if (candidate.signum() > 0 && candidate.compareTo(ORDER) < 0) {
                return candidate;
            }
        }
    }

    /** The 33-byte compressed encoding of a point other than the identity. */
    public static byte[] encode(ECPoint point) {
        if (point.isInfinity()) {
            throw new IllegalArgumentException("the identity point has no encoding in this scheme");
        }
        return point.getEncoded(true);
    }

    /** Encodes every point into {@code out} at {@code offset}, normalising them together first. */
    public static void encodeAll(List<ECPoint> points, byte[] out, int offset) {
        ECPoint[] normalized = points.toArray(ECPoint[]::new);
        normalizeAll(normalized);
        for (int i = 0; i < normalized.length; i++) {
            System.arraycopy(encode(normalized[i]), 0, out, offset + i * POINT_BYTES, POINT_BYTES);
        }
    }

    /**
     * The point encoded at {@code offset}: exactly 33 bytes, prefix 0x02 or 0x03, x below the field
     * prime and on the curve. Throws {@link IllegalArgumentException} naming {@code what} otherwise.
     */
    public static ECPoint decode(byte[] bytes, int offset, String what) {
        if (offset < 0 || bytes.length - offset < POINT_BYTES) {
            throw new IllegalArgumentException(what + ": needs " + POINT_BYTES + " bytes at offset " + offset + ", "
                    + Math.max(0, bytes.length - offset) + " left");
        }
        int prefix = bytes[offset] & 0xff;
        if (prefix != 0x02 && prefix != 0x03) {
            throw new IllegalArgumentException(what + ": not a compressed point encoding (prefix 0x"
                    + Integer.toHexString(prefix) + ", expected 0x02 or 0x03)");
        }
        byte[] encoded = new byte[POINT_BYTES];
        System.arraycopy(bytes, offset, encoded, 0, POINT_BYTES);
        ECPoint point;
        try {
            point = CURVE_ARITHMETIC.decodePoint(encoded);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(what + ": not a point of " + CURVE + " (" + e.getMessage() + ")", e);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException(what + ": not a point of the group");
        }
        return point.normalize();
    }

    /** Bytes of a point's affine coordinates x || y, as {@link #writeAffine} keeps them. */
    public static final int AFFINE_BYTES = 64;

    /** Writes an affine point's x and y (32 bytes each, big-endian) at {@code offset}. */
    static void writeAffine(ECPoint normalized, byte[] out, int offset) {
        byte[] x = normalized.getAffineXCoord().getEncoded();
        byte[] y = normalized.getAffineYCoord().getEncoded();
        System.arraycopy(x, 0, out, offset, 32);
        System.arraycopy(y, 0, out, offset + 32, 32);
    }

    /**
     * The point whose coordinates {@link #writeAffine} wrote, WITHOUT checking that it is on the
     * curve: only for coordinates this process decoded and checked itself.
     */
    static ECPoint readCheckedAffine(byte[] bytes, int offset) {
        byte[] x = new byte[32];
        byte[] y = new byte[32];
        System.arraycopy(bytes, offset, x, 0, 32);
        System.arraycopy(bytes, offset + 32, y, 0, 32);
        return CURVE_ARITHMETIC.createPoint(new BigInteger(1, x), new BigInteger(1, y));
    }

    /** A scalar's 32-byte big-endian encoding. */
    public static byte[] encodeScalar(BigInteger scalar) {
        if (scalar.signum() < 0 || scalar.compareTo(ORDER) >= 0) {
            throw new IllegalArgumentException("scalar outside [0, q)");
        }
        byte[] out = new byte[SCALAR_BYTES];
        byte[] raw = scalar.toByteArray();
        int length = Math.min(raw.length, SCALAR_BYTES);
        System.arraycopy(raw, raw.length - length, out, SCALAR_BYTES - length, length);
        return out;
    }

    /** The scalar encoded at {@code offset}: 32 bytes, big-endian, below q. */
    public static BigInteger decodeScalar(byte[] bytes, int offset, String what) {
        if (offset < 0 || bytes.length - offset < SCALAR_BYTES) {
            throw new IllegalArgumentException(what + ": needs " + SCALAR_BYTES + " bytes at offset " + offset);
        }
        byte[] raw = new byte[SCALAR_BYTES];
        System.arraycopy(bytes, offset, raw, 0, SCALAR_BYTES);
        BigInteger value = new BigInteger(1, raw);
        if (value.compareTo(ORDER) >= 0) {
            throw new IllegalArgumentException(what + ": scalar is not below the group order q");
        }
        return value;
    }
}
