package io.learnchain.base.codec;

/**
 * The canonical binary form of one type. {@link #write} and {@link #read} handle the fields only;
 * {@link #encode} and {@link #decode} handle a whole buffer and reject trailing bytes. Types that
 * outlive a process write a version byte as their first field.
 */
public interface Codec<T> {

    void write(T value, CanonicalWriter out);

    /** Reads one value; throws only {@link CodecException}. */
    T read(CanonicalReader in);

    default byte[] encode(T value) {
        CanonicalWriter out = new CanonicalWriter();
        write(value, out);
        return out.toByteArray();
    }

    /** Decodes exactly one value from {@code bytes}; throws only {@link CodecException}. */
    default T decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        T value = in.guard(() -> read(in));
        in.expectEnd();
        return value;
    }
}
