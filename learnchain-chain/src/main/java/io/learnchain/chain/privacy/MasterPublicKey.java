package io.learnchain.chain.privacy;

import java.util.List;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/** mpk = (h_1, ..., h_n) with h_i = g^{s_i}: public, part of a private task's spec. */
public record MasterPublicKey(List<ECPoint> h) {
    /** The largest dimension a key may have (a 28 x 28 image is 784). */
    public static final int MAX_DIMENSION = 4096;

    public MasterPublicKey {
        h = List.copyOf(Objects.requireNonNull(h, "h"));
        if (h.isEmpty() || h.size() > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "a master public key has 1.." + MAX_DIMENSION + " points, got " + h.size());
        }
        for (ECPoint point : h) {
            if (point.isInfinity()) {
                throw new IllegalArgumentException("a master public key point is the identity");
            }
        }
    }

    public int dimension() {
        return h.size();
    }

    /** n (4 bytes, big-endian), then each h_i compressed (33 bytes). */
    public byte[] encode() {
        byte[] out = new byte[4 + h.size() * IpfeGroup.POINT_BYTES];
        MasterSecretKey.writeInt(out, h.size());
        IpfeGroup.encodeAll(h, out, 4);
        return out;
    }

    /** The key {@link #encode()} wrote: exact length, every point a valid compressed group element. */
    public static MasterPublicKey decode(byte[] bytes) {
        int n = readDimension(bytes, IpfeGroup.POINT_BYTES, "master public key");
        ECPoint[] points = new ECPoint[n];
        for (int i = 0; i < n; i++) {
            points[i] = IpfeGroup.decode(bytes, 4 + i * IpfeGroup.POINT_BYTES, "master public key point " + i);
        }
        return new MasterPublicKey(List.of(points));
    }

    static int readDimension(byte[] bytes, int itemBytes, String what) {
        if (bytes.length < 4) {
            throw new IllegalArgumentException(what + ": " + bytes.length + " bytes, too short for its dimension");
        }
        int n = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        if (n < 1 || n > MAX_DIMENSION) {
            throw new IllegalArgumentException(what + ": dimension " + n + " outside 1.." + MAX_DIMENSION);
        }
        long expected = 4L + (long) n * itemBytes;
        if (bytes.length != expected) {
            throw new IllegalArgumentException(
                    what + ": " + bytes.length + " bytes, expected " + expected + " for dimension " + n);
        }
        return n;
    }
}
