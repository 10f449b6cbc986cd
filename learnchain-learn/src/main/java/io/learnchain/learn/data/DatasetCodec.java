package io.learnchain.learn.data;

import io.learnchain.base.Hash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Canonical bytes of a {@link Dataset}, so a training set or a test shard can be a content-addressed
 * blob. Layout (little-endian):
 * <pre>
 *   "LCDS" magic, u8 version (1),
 *   u16 name length, name (UTF-8, at most 255 bytes),
 *   u8 rank (1..8), rank x i32 sample dimensions,
 *   i32 classes, i32 count,
 *   count x i32 labels,
 *   count * sampleSize x f32 features (finite; -0.0 written as +0.0)
 * </pre>
 * The data set hash is SHA-256 of these bytes. The decoder checks every size before allocating,
 * rejects non-finite features, negative zeros and trailing bytes, so decode(encode(d)) == d and
 * every accepted byte string is the encoding of exactly one data set.
 */
public final class DatasetCodec {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'L', 'C', 'D', 'S'};
    private static final int MAX_NAME = 255;
    private static final int MAX_RANK = 8;

    private DatasetCodec() {}

    public static byte[] encode(Dataset d) {
        byte[] name = d.name().getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_NAME) {
            throw new IllegalArgumentException("data set name is " + name.length + " bytes of UTF-8; at most "
                    + MAX_NAME + " fit the canonical encoding");
        }
        int[] shape = d.sampleShape();
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("sample rank " + shape.length + " exceeds " + MAX_RANK);
        }
        long size = 4 + 1 + 2 + name.length + 1 + 4L * shape.length + 8 + 4L * d.count() + 4L * d.features().length;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("data set " + d.name() + " is too large to encode (" + size + " bytes)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) VERSION).putShort((short) name.length).put(name).put((byte) shape.length);
        for (int dim : shape) {
            b.putInt(dim);
        }
        b.putInt(d.classes()).putInt(d.count());
        for (int label : d.labels()) {
            b.putInt(label);
        }
        for (float f : d.features()) {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException("data set " + d.name() + " holds a non-finite feature " + f
                        + "; clean the data before hashing it");
            }
            b.putFloat(f == 0f ? 0f : f);
        }
        return b.array();
    }

    /** SHA-256 of the canonical bytes: the blob hash of the data set. */
    public static Hash hash(Dataset d) {
        MessageDigest md = Hash.newDigest();
        md.update(encode(d));
        return Hash.ofDigest(md);
    }

    /** Decodes canonical bytes; {@code source} names them in errors. */
    public static Dataset decode(byte[] bytes, String source) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        need(b, 7, source, "header");
        for (byte m : MAGIC) {
            if (b.get() != m) {
                throw new MalformedDatasetException(source, "not a canonical data set (magic LCDS missing)");
            }
        }
        int version = b.get() & 0xFF;
        if (version != VERSION) {
            throw new MalformedDatasetException(
                    source,
                    "data set encoding version " + version + " is not supported (this build reads version " + VERSION
                            + ")");
        }
        int nameLength = b.getShort() & 0xFFFF;
        if (nameLength > MAX_NAME) {
            throw new MalformedDatasetException(source, "name length " + nameLength + " exceeds " + MAX_NAME);
        }
        need(b, nameLength + 1, source, "name");
        byte[] nameBytes = new byte[nameLength];
        b.get(nameBytes);
        String name = utf8(nameBytes, source);
        int rank = b.get() & 0xFF;
        if (rank < 1 || rank > MAX_RANK) {
            throw new MalformedDatasetException(source, "sample rank " + rank + " is outside [1, " + MAX_RANK + "]");
        }
        need(b, 4L * rank + 8, source, "shape");
        int[] shape = new int[rank];
        long sampleSize = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = b.getInt();
            if (shape[i] < 1) {
                throw new MalformedDatasetException(source, "sample dimension " + i + " is " + shape[i]);
            }
            sampleSize = Math.min(sampleSize * shape[i], Integer.MAX_VALUE);
        }
        int classes = b.getInt();
        int count = b.getInt();
        if (count < 0) {
            throw new MalformedDatasetException(source, "negative sample count " + count);
        }
        long values = count * sampleSize;
        if (values > Integer.MAX_VALUE - 8) {
            throw new MalformedDatasetException(source, count + " samples of " + sampleSize + " values are too many");
        }
        long body = 4L * count + 4L * values;
        if (body != b.remaining()) {
            throw new MalformedDatasetException(
                    source,
                    (body > b.remaining() ? "truncated" : "trailing bytes")
                            + ": " + count + " samples of " + sampleSize + " values need " + body + " bytes, "
                            + b.remaining() + " remain");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = b.getInt();
        }
        float[] features = new float[(int) values];
        for (int i = 0; i < features.length; i++) {
            int bits = b.getInt();
            float f = Float.intBitsToFloat(bits);
            if (!Float.isFinite(f) || bits == 0x80000000) {
                throw new MalformedDatasetException(source, "feature " + i + " is not canonical (" + f + ")");
            }
            features[i] = f;
        }
        try {
            return new Dataset(name, shape, classes, features, labels);
        } catch (IllegalArgumentException e) {
            throw new MalformedDatasetException(source, e.getMessage(), e);
        }
    }

    private static void need(ByteBuffer b, long n, String source, String what) {
        if (b.remaining() < n) {
            throw new MalformedDatasetException(
                    source, "truncated in the " + what + " (" + b.remaining() + " bytes left, " + n + " needed)");
        }
    }

    private static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedDatasetException(source, "the name is not valid UTF-8", e);
        }
    }
}
