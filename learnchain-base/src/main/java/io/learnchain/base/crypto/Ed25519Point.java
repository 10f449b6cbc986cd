package io.learnchain.base.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The one piece of Ed25519 the JDK does not expose: deriving the public key from a 32-byte seed
 * (RFC 8032 section 5.1.5) without a SecureRandom. Pure integer arithmetic on the twisted
 * Edwards curve in extended coordinates; signing and verifying stay with the JDK provider.
 * Only used at key creation, so BigInteger speed (a few milliseconds) is fine.
 */
final class Ed25519Point {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .mod(P);
    private static final BigInteger D2 = D.shiftLeft(1).mod(P);
    private static final BigInteger BX =
            new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202");
    private static final BigInteger BY =
            new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960");

    private final BigInteger x;
    private final BigInteger y;
    private final BigInteger z;
    private final BigInteger t;

    private Ed25519Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
        this.x = x;
        this.y = y;
        this.z = z;
        this.t = t;
    }

    private static final Ed25519Point IDENTITY =
            new Ed25519Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
    private static final Ed25519Point BASE =
            new Ed25519Point(BX, BY, BigInteger.ONE, BX.multiply(BY).mod(P));

    /** RFC 8032 5.1.5: SHA-512 the seed, clamp the low half, multiply the base point, encode. */
    static byte[] publicKeyFromSeed(byte[] seed) {
        byte[] h = sha512(seed);
        byte[] a = Arrays.copyOf(h, 32);
        a[0] &= (byte) 248;
        a[31] &= 127;
        a[31] |= 64;
        return multiplyBase(littleEndian(a)).encode();
    }

    /** 2^i * B for i in [0, 255): scalar multiplication of the base point then needs additions only. */
    private static final class Powers {
        static final Ed25519Point[] OF_BASE = new Ed25519Point[255];

        static {
            Ed25519Point p = BASE;
            for (int i = 0; i < OF_BASE.length; i++) {
                OF_BASE[i] = p;
                p = p.add(p);
            }
        }
    }

    private static Ed25519Point multiplyBase(BigInteger scalar) {
        Ed25519Point result = IDENTITY;
        for (int i = 0; i < scalar.bitLength(); i++) {
            if (scalar.testBit(i)) {
                result = result.add(Powers.OF_BASE[i]);
            }
        }
        return result;
    }

    private Ed25519Point add(Ed25519Point o) {
        BigInteger a = y.subtract(x).multiply(o.y.subtract(o.x)).mod(P);
        BigInteger b = y.add(x).multiply(o.y.add(o.x)).mod(P);
        BigInteger c = t.multiply(D2).mod(P).multiply(o.t).mod(P);
        BigInteger d = z.shiftLeft(1).multiply(o.z).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger hh = b.add(a);
        return new Ed25519Point(
                e.multiply(f).mod(P),
                g.multiply(hh).mod(P),
                f.multiply(g).mod(P),
                e.multiply(hh).mod(P));
    }

    private byte[] encode() {
        BigInteger zInv = z.modInverse(P);
        BigInteger ax = x.multiply(zInv).mod(P);
        BigInteger ay = y.multiply(zInv).mod(P);
        byte[] out = toLittleEndian(ay);
        if (ax.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    static BigInteger littleEndian(byte[] bytes) {
        byte[] be = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            be[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }

    /** False for encodings whose y coordinate is not reduced (non-canonical keys). */
    static boolean isCanonical(byte[] encoded) {
        byte[] copy = encoded.clone();
        copy[31] &= 0x7F;
        return littleEndian(copy).compareTo(P) < 0;
    }
}
