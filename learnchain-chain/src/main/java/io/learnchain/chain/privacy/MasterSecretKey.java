package io.learnchain.chain.privacy;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * msk = s in Z_q^n, the data node's master key: it never leaves the data node. {@link #toString()}
 * prints the dimension only.
 */
public record MasterSecretKey(List<BigInteger> s) {
    public MasterSecretKey {
        s = List.copyOf(Objects.requireNonNull(s, "s"));
        if (s.isEmpty() || s.size() > MasterPublicKey.MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "a master key has 1.." + MasterPublicKey.MAX_DIMENSION + " coordinates, got " + s.size());
        }
        for (BigInteger value : s) {
            if (value.signum() < 0 || value.compareTo(IpfeGroup.order()) >= 0) {
                throw new IllegalArgumentException("a master key coordinate is outside [0, q)");
            }
        }
    }

    /** n, the dimension of the vectors it encrypts. */
    public int dimension() {
        return s.size();
    }

    /** mpk = (g^{s_1}, ..., g^{s_n}). */
    public MasterPublicKey publicKey() {
        return new MasterPublicKey(s.stream().map(IpfeGroup::generatorTimes).toList());
    }

    /** n (4 bytes, big-endian), then each s_i in 32 bytes: how a data node stores it. */
    public byte[] encode() {
        byte[] out = new byte[4 + s.size() * IpfeGroup.SCALAR_BYTES];
        writeInt(out, s.size());
        for (int i = 0; i < s.size(); i++) {
            System.arraycopy(
                    IpfeGroup.encodeScalar(s.get(i)), 0, out, 4 + i * IpfeGroup.SCALAR_BYTES, IpfeGroup.SCALAR_BYTES);
        }
        return out;
    }

    /** The key {@link #encode()} wrote; exact length, every coordinate below q. */
    public static MasterSecretKey decode(byte[] bytes) {
        int n = MasterPublicKey.readDimension(bytes, IpfeGroup.SCALAR_BYTES, "master secret key");
        BigInteger[] s = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            s[i] = IpfeGroup.decodeScalar(bytes, 4 + i * IpfeGroup.SCALAR_BYTES, "master secret key coordinate " + i);
        }
        return new MasterSecretKey(List.of(s));
    }

    static void writeInt(byte[] out, int value) {
        out[0] = (byte) (value >>> 24);
        out[1] = (byte) (value >>> 16);
        out[2] = (byte) (value >>> 8);
        out[3] = (byte) value;
    }

    @Override
    public String toString() {
        return "MasterSecretKey[n=" + s.size() + "]";
    }
}
