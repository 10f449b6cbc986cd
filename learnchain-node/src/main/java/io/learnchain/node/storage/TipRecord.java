package io.learnchain.node.storage;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import java.util.Arrays;
import java.util.Objects;

/** The canonical tip as stored: hash, height and a checksum that exposes an altered record. */
public record TipRecord(Hash hash, Height height) {
    private static final int CHECKSUM_BYTES = 8;

    public TipRecord {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(height, "height");
    }

    byte[] encode() {
        byte[] body = new CanonicalWriter(40).hash(hash).i64(height.value()).toByteArray();
        return new CanonicalWriter(48).raw(body).raw(checksum(body)).toByteArray();
    }

    /** Decodes a stored tip; a wrong length or checksum is a {@link CodecException}. */
    static TipRecord decode(byte[] bytes) {
        if (bytes.length != Hash.LENGTH + 8 + CHECKSUM_BYTES) {
            throw new CodecException("tip record has " + bytes.length + " bytes, expected " + (Hash.LENGTH + 16));
        }
        byte[] body = Arrays.copyOf(bytes, Hash.LENGTH + 8);
        byte[] sum = Arrays.copyOfRange(bytes, body.length, bytes.length);
        if (!Arrays.equals(sum, checksum(body))) {
            throw new CodecException("tip record checksum does not match its contents");
        }
        CanonicalReader in = new CanonicalReader(body);
        return in.guard(() -> new TipRecord(in.hash(), Height.of(in.i64())));
    }

    private static byte[] checksum(byte[] body) {
        return Arrays.copyOf(Hash.sha256(body).unsafeArray(), CHECKSUM_BYTES);
    }
}
