package io.learnchain.base.crypto;

import java.math.BigInteger;

/** The two facts about an Ed25519 point encoding that {@link PublicKey} needs for the JDK's key type. */
final class Ed25519Encoding {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    private Ed25519Encoding() {}

    /** The little-endian unsigned integer of {@code bytes}. */
    static BigInteger littleEndian(byte[] bytes) {
        byte[] be = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            be[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    /** False for encodings whose y coordinate is not reduced (non-canonical keys). */
    static boolean isCanonical(byte[] encoded) {
        byte[] copy = encoded.clone();
        copy[31] &= 0x7F;
        return littleEndian(copy).compareTo(P) < 0;
    }
}
