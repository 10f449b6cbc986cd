package io.learnchain.chain.privacy;

import java.math.BigInteger;
import java.util.Objects;

/** sk_y = <s, y> mod q: the key that opens g^{<x, y>} of every ciphertext for one vector y. */
public record FunctionalKey(BigInteger value) {
    public FunctionalKey {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.compareTo(IpfeGroup.order()) >= 0) {
            throw new IllegalArgumentException("a functional key is a scalar in [0, q)");
        }
    }

    /** 32 bytes, big-endian. */
    public byte[] encode() {
        return IpfeGroup.encodeScalar(value);
    }

    /** The key at {@code offset}: 32 bytes, below q. */
    public static FunctionalKey decode(byte[] bytes, int offset) {
        return new FunctionalKey(IpfeGroup.decodeScalar(bytes, offset, "functional key"));
    }
}
