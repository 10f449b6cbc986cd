package io.learnchain.base;

import io.learnchain.base.bytes.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** A SHA-256 digest: 32 bytes, compared unsigned lexicographically. */
public final class Hash implements Comparable<Hash> {
    public static final int LENGTH = 32;
    public static final Hash ZERO = new Hash(new byte[LENGTH]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] value;

    private Hash(byte[] owned) {
        this.value = owned;
    }

    public static Hash of(byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a hash has " + LENGTH + " bytes, got " + digest.length);
        }
        return new Hash(digest.clone());
    }

    public static Hash fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a hash is " + 2 * LENGTH + " hex digits, got " + hex.length() + " in '"
                    + Bytes.abbreviate(hex) + "'");
        }
        return new Hash(Bytes.fromHex(hex).unsafeArray());
    }

    /** SHA-256 of the concatenation of {@code parts}. */
    public static Hash sha256(byte[]... parts) {
        MessageDigest md = newDigest();
        for (byte[] part : parts) {
            md.update(part);
        }
        return new Hash(md.digest());
    }

    public static Hash sha256(Bytes bytes) {
        return sha256(bytes.unsafeArray());
    }

    /** A fresh SHA-256 {@link MessageDigest}; the JDK always provides one. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static Hash ofDigest(MessageDigest md) {
        return new Hash(md.digest());
    }

    public byte[] toArray() {
        return value.clone();
    }

    public byte[] unsafeArray() {
        return value;
    }

    public Bytes toBytes() {
        return Bytes.of(value);
    }

    /** The first 8 bytes as a little-endian long: a seed or an index drawn from this hash. */
    public long firstLongLE() {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (value[i] & 0xFF);
        }
        return v;
    }

    public String toHex() {
        return HEX.formatHex(value);
    }

    /** The first 8 hex digits, for logs and tables. */
    public String shortHex() {
        return toHex().substring(0, 8);
    }

    @Override
    public int compareTo(Hash other) {
        return Arrays.compareUnsigned(value, other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return (value[0] & 0xFF) << 24 | (value[1] & 0xFF) << 16 | (value[2] & 0xFF) << 8 | (value[3] & 0xFF);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
