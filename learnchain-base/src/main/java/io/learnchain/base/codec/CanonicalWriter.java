package io.learnchain.base.codec;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * Writes the canonical encoding: fixed-width integers little-endian, variable-length data
 * prefixed with its length as an unsigned 32-bit integer, fields in declared order.
 */
public final class CanonicalWriter {
    private byte[] buf;
    private int size;

    public CanonicalWriter() {
        this(128);
    }

    public CanonicalWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        int needed = Math.addExact(size, extra);
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    public CanonicalWriter u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    public CanonicalWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    public CanonicalWriter i32(int value) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public CanonicalWriter i64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** Raw bytes without a length: for fixed-size fields (hashes, keys, signatures). */
    public CanonicalWriter raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    public CanonicalWriter hash(Hash hash) {
        return raw(hash.unsafeArray());
    }

    public CanonicalWriter address(Address address) {
        return raw(address.bytes().unsafeArray());
    }

    public CanonicalWriter publicKey(PublicKey key) {
        return raw(key.bytes().unsafeArray());
    }

    public CanonicalWriter signature(Signature signature) {
        return raw(signature.bytes().unsafeArray());
    }

    public CanonicalWriter amount(Amount amount) {
        return i64(amount.units());
    }

    public CanonicalWriter height(Height height) {
        return i64(height.value());
    }

    /** Length-prefixed bytes. */
    public CanonicalWriter bytes(byte[] bytes) {
        i32(bytes.length);
        return raw(bytes);
    }

    public CanonicalWriter bytes(Bytes bytes) {
        return bytes(bytes.unsafeArray());
    }

    /** Length-prefixed UTF-8. */
    public CanonicalWriter string(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A count prefix followed by each element in iteration order. */
    public <T> CanonicalWriter list(Collection<? extends T> items, BiConsumer<? super T, CanonicalWriter> element) {
        i32(items.size());
        for (T item : items) {
            element.accept(item, this);
        }
        return this;
    }

    public <T> CanonicalWriter list(Collection<? extends T> items, Codec<T> codec) {
        return list(items, codec::write);
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
