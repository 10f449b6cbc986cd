package io.learnchain.base.bytes;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** An immutable byte string with value equality, unsigned lexicographic order and hex text form. */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] value;

    private Bytes(byte[] owned) {
        this.value = owned;
    }

    /** Copies {@code bytes}; later changes to the array do not show. */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** Takes ownership of {@code bytes} without copying: the caller must never change the array again. */
    public static Bytes wrap(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Bytes(bytes);
    }

    /** Parses lower- or upper-case hex with an even number of digits. */
    public static Bytes fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        try {
            return wrap(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "not a hex string: '" + abbreviate(hex) + "' (" + e.getMessage() + ")", e);
        }
    }

    public int length() {
        return value.length;
    }

    public byte get(int index) {
        return value[index];
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        return value.clone();
    }

    /** The backing array, for hot paths that promise not to change it (hashing, writing). */
    public byte[] unsafeArray() {
        return value;
    }

    public Bytes slice(int from, int to) {
        return wrap(Arrays.copyOfRange(value, from, to));
    }

    public String toHex() {
        return HEX.formatHex(value);
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(value, other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toHex();
    }

    /** {@code s}, cut to 24 characters with "..." when longer (for error messages that quote input). */
    public static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 21) + "...";
    }
}
