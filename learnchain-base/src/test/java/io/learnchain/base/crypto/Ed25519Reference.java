package io.learnchain.base.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Textbook Ed25519 arithmetic in affine coordinates with BigInteger (RFC 8032 section 5.1), slow and
 * test only: it crafts the points and signatures no honest signer makes (small-order and mixed-order
 * keys and R values, non-canonical encodings) for {@link SignatureRuleTest}.
 */
final class Ed25519Reference {
    static final BigInteger P = Ed25519Encoding.P;
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .mod(P);
    private static final BigInteger SQRT_M1 =
            BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

    /** An affine point (x, y). */
    record Point(BigInteger x, BigInteger y) {
        static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);

        Point add(Point o) {
            BigInteger xy = x.multiply(o.y).add(o.x.multiply(y)).mod(P);
            BigInteger yy = y.multiply(o.y).add(x.multiply(o.x)).mod(P);
            BigInteger dxy =
                    D.multiply(x).multiply(o.x).multiply(y).multiply(o.y).mod(P);
            return new Point(
                    xy.multiply(BigInteger.ONE.add(dxy).modInverse(P)).mod(P),
                    yy.multiply(BigInteger.ONE.subtract(dxy).mod(P).modInverse(P))
                            .mod(P));
        }

        Point negate() {
            return new Point(x.negate().mod(P), y);
        }

        Point times(BigInteger k) {
            Point result = IDENTITY;
            Point doubling = this;
            for (int i = 0; i < k.bitLength(); i++) {
                if (k.testBit(i)) {
                    result = result.add(doubling);
                }
                doubling = doubling.add(doubling);
            }
            return result;
        }

        boolean isIdentity() {
            return x.signum() == 0 && y.equals(BigInteger.ONE);
        }

        byte[] encode() {
            byte[] out = littleEndian(y);
            if (x.testBit(0)) {
                out[31] |= (byte) 0x80;
            }
            return out;
        }
    }

    static final Point BASE = decode(littleEndian(
            new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960")));

    private Ed25519Reference() {}

    /** The point of an encoding, reading y modulo p (so a non-canonical y decodes too); null if none. */
    static Point decode(byte[] encoded) {
        byte[] copy = encoded.clone();
        boolean xOdd = (copy[31] & 0x80) != 0;
        copy[31] &= 0x7F;
        BigInteger y = Ed25519Encoding.littleEndian(copy).mod(P);
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).mod(P).equals(x2)) {
            x = x.multiply(SQRT_M1).mod(P);
        }
        if (!x.multiply(x).mod(P).equals(x2)) {
            return null;
        }
        if (x.signum() == 0 && xOdd) {
            return null;
        }
        if (x.testBit(0) != xOdd) {
            x = P.subtract(x);
        }
        return new Point(x, y);
    }

    /** A point of order exactly 8, found once. */
    private static final Point ORDER_EIGHT = findOrderEight();

    static Point orderEight() {
        return ORDER_EIGHT;
    }

    /** The torsion part [L]Q of the first point Q of small y whose [L]Q has order 8. */
    private static Point findOrderEight() {
        for (int y = 2; ; y++) {
            Point q = decode(littleEndian(BigInteger.valueOf(y)));
            if (q == null) {
                continue;
            }
            Point t = q.times(L);
            if (!t.times(BigInteger.valueOf(4)).isIdentity()) {
                return t;
            }
        }
    }

    /** SHA-512(parts...) as a little-endian integer reduced modulo L. */
    static BigInteger hashToScalar(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return Ed25519Encoding.littleEndian(sha.digest()).mod(L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** R || S, S written as 32 little-endian bytes (any value below 2^256, reduced or not). */
    static byte[] signature(byte[] r, BigInteger s) {
        byte[] out = Arrays.copyOf(r, 64);
        System.arraycopy(littleEndian(s), 0, out, 32, 32);
        return out;
    }

    static byte[] littleEndian(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}
