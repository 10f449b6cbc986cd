package io.learnchain.learn.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * Feeds floats to a digest as their little-endian bits (the canonical encoding of models and
 * optimizer states) through a small buffer, so that hashing a large array copies none of it.
 */
public final class FloatDigest {
    private static final int CHUNK = 16_384;

    private FloatDigest() {}

    /** Updates {@code md} with the bits of every value of {@code values}. */
    public static void update(MessageDigest md, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(values.length, CHUNK)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; ) {
            int end = Math.min(values.length, i + buf.capacity() / 4);
            buf.clear();
            buf.asFloatBuffer().put(values, i, end - i);
            md.update(buf.array(), 0, 4 * (end - i));
            i = end;
        }
    }

    /** Updates {@code md} with {@code count} floats of +0.0 (all bits zero) without allocating them. */
    public static void updateZeros(MessageDigest md, long count) {
        byte[] zeros = new byte[4 * (int) Math.min(count, CHUNK)];
        for (long left = count; left > 0; ) {
            int n = (int) Math.min(left, CHUNK);
            md.update(zeros, 0, 4 * n);
            left -= n;
        }
    }
}
