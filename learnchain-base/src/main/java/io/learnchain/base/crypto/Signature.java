package io.learnchain.base.crypto;

import io.learnchain.base.bytes.Bytes;
import java.util.Objects;

/** An Ed25519 signature: 64 bytes (R || S). */
public record Signature(Bytes bytes) {
    public static final int LENGTH = 64;
    /** All zeros: the placeholder of an unsigned template; never verifies. */
    public static final Signature NONE = new Signature(Bytes.wrap(new byte[LENGTH]));

    public Signature {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length() != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 signature has " + LENGTH + " bytes, got " + bytes.length());
        }
    }

    public static Signature of(byte[] bytes) {
        return new Signature(Bytes.of(bytes));
    }

    public static Signature fromHex(String hex) {
        return new Signature(Bytes.fromHex(hex));
    }

    public String toHex() {
        return bytes.toHex();
    }

    @Override
    public String toString() {
        return bytes.toHex();
    }
}
