package io.learnchain.base;

import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.crypto.PublicKey;
import java.util.Locale;
import java.util.Objects;

/**
 * An account address: the first 20 bytes of SHA-256(public key). Text form: bech32m (BIP 350) with
 * the human prefix {@code lc}, e.g. {@code lc1...} (41 characters), so a mistyped address fails
 * its checksum instead of sending coins nowhere.
 */
public final class Address implements Comparable<Address> {
    public static final int LENGTH = 20;
    public static final String PREFIX = "lc";

    private final Bytes bytes;

    private Address(Bytes bytes) {
        this.bytes = bytes;
    }

    public static Address of(PublicKey key) {
        byte[] digest = Hash.sha256(key.bytes().unsafeArray()).unsafeArray();
        byte[] first = new byte[LENGTH];
        System.arraycopy(digest, 0, first, 0, LENGTH);
        return new Address(Bytes.wrap(first));
    }

    public static Address ofBytes(Bytes bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length() != LENGTH) {
            throw new IllegalArgumentException("an address has " + LENGTH + " bytes, got " + bytes.length());
        }
        return new Address(bytes);
    }

    public static Address ofBytes(byte[] bytes) {
        return ofBytes(Bytes.of(bytes));
    }

    /**
     * Parses the text form. Errors name the broken rule: wrong prefix, bad checksum (a typo),
     * invalid character, wrong length, mixed case.
     */
    public static Address parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty address: learnchain addresses start with lc1");
        }
        Bech32m.Decoded decoded;
        try {
            decoded = Bech32m.decode(t);
        } catch (IllegalArgumentException e) {
            String prefixHint =
                    t.toLowerCase(Locale.ROOT).startsWith(PREFIX + "1") ? "" : " (learnchain addresses start with lc1)";
            throw new IllegalArgumentException(
                    "not a learnchain address '" + Bytes.abbreviate(t) + "': " + e.getMessage() + prefixHint, e);
        }
        if (!decoded.hrp().equals(PREFIX)) {
            throw new IllegalArgumentException(
                    "wrong prefix '" + decoded.hrp() + "': learnchain addresses start with lc1");
        }
        if (decoded.data().length != LENGTH) {
            throw new IllegalArgumentException("wrong length: an address holds " + LENGTH + " bytes, '"
                    + Bytes.abbreviate(t) + "' holds " + decoded.data().length);
        }
        return new Address(Bytes.wrap(decoded.data()));
    }

    public Bytes bytes() {
        return bytes;
    }

    @Override
    public int compareTo(Address other) {
        return bytes.compareTo(other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address other && bytes.equals(other.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }

    /** The bech32m text form, {@code lc1...}. */
    @Override
    public String toString() {
        return Bech32m.encode(PREFIX, bytes.unsafeArray());
    }
}
