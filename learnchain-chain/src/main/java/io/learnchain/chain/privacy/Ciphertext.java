package io.learnchain.chain.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/** ct = (ct_0 = g^r, ct_i = h_i^r g^{x_i}): one encrypted vector x. */
public record Ciphertext(ECPoint head, List<ECPoint> body) {
    public Ciphertext {
        Objects.requireNonNull(head, "head");
        body = List.copyOf(Objects.requireNonNull(body, "body"));
        if (body.isEmpty() || body.size() > MasterPublicKey.MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "a ciphertext has 1.." + MasterPublicKey.MAX_DIMENSION + " body points, got " + body.size());
        }
    }

    public int dimension() {
        return body.size();
    }

    /** Bytes of an encoded ciphertext of dimension n: (n + 1) compressed points. */
    public static int encodedBytes(int n) {
        return (n + 1) * IpfeGroup.POINT_BYTES;
    }

    /** ct_0 then ct_1..ct_n, each 33 bytes compressed; the dimension is known from the task. */
    public byte[] encode() {
        byte[] out = new byte[encodedBytes(body.size())];
        List<ECPoint> all = new ArrayList<>(body.size() + 1);
        all.add(head);
        all.addAll(body);
        IpfeGroup.encodeAll(all, out, 0);
        return out;
    }

    /** The ciphertext of dimension {@code n} at {@code offset}; every point is checked. */
    public static Ciphertext decode(byte[] bytes, int offset, int n) {
        if (n < 1 || n > MasterPublicKey.MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "ciphertext dimension " + n + " outside 1.." + MasterPublicKey.MAX_DIMENSION);
        }
        if (offset < 0 || bytes.length - offset < encodedBytes(n)) {
            throw new IllegalArgumentException("ciphertext of dimension " + n + " needs " + encodedBytes(n)
                    + " bytes at offset " + offset + ", " + Math.max(0, bytes.length - offset) + " left");
        }
        ECPoint head = IpfeGroup.decode(bytes, offset, "ciphertext point 0");
        ECPoint[] body = new ECPoint[n];
        for (int i = 0; i < n; i++) {
            body[i] = IpfeGroup.decode(bytes, offset + (i + 1) * IpfeGroup.POINT_BYTES, "ciphertext point " + (i + 1));
        }
        return new Ciphertext(head, List.of(body));
    }
}
