package io.learnchain.base.codec;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the canonical encoding written by {@link CanonicalWriter}. Every length is checked against
 * the caller's maximum and the bytes left BEFORE anything is allocated, so a hostile length prefix
 * costs nothing. All failures are {@link CodecException}.
 */
public final class CanonicalReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public CanonicalReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public CanonicalReader(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        this.buf = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - pos;
    }

    public int position() {
        return pos;
    }

    private void need(int n, String what) {
        if (n > end - pos) {
            throw new CodecException("truncated: " + what + " needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    public int u8() {
        need(1, "u8");
        return buf[pos++] & 0xFF;
    }

    public boolean bool() {
        int b = u8();
        if (b > 1) {
            throw new CodecException("a boolean is 0 or 1, got " + b);
        }
        return b == 1;
    }

    public int i32() {
        need(4, "i32");
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 4;
        return v;
    }

    public long i64() {
        need(8, "i64");
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    /** A signed 64-bit value that must be >= 0. */
    public long nonNegativeLong(String field) {
        long v = i64();
        if (v < 0) {
            throw new CodecException(field + " must not be negative, got " + v);
        }
        return v;
    }

    public byte[] raw(int length) {
        need(length, "fixed field");
        byte[] out = new byte[length];
        System.arraycopy(buf, pos, out, 0, length);
        pos += length;
        return out;
    }

    public Hash hash() {
        return Hash.of(raw(Hash.LENGTH));
    }

    public Address address() {
        return Address.ofBytes(Bytes.wrap(raw(Address.LENGTH)));
    }

    public PublicKey publicKey() {
        return PublicKey.of(Bytes.wrap(raw(PublicKey.LENGTH)));
    }

    public Signature signature() {
        return new Signature(Bytes.wrap(raw(Signature.LENGTH)));
    }

    public Amount amount() {
        return Amount.ofUnits(nonNegativeLong("amount"));
    }

    public Height height() {
        return Height.of(nonNegativeLong("height"));
    }

    /** A length prefix checked against {@code max} and the bytes left, each item at least {@code minItemBytes}. */
    private int length(int max, int minItemBytes, String what) {
        long n = Integer.toUnsignedLong(i32());
        if (n > max) {
            throw new CodecException(what + " length " + n + " exceeds the limit " + max);
        }
        if (n * minItemBytes > end - pos) {
            throw new CodecException(
                    "truncated: " + what + " claims " + n + " items/bytes, only " + (end - pos) + " bytes left");
        }
        return (int) n;
    }

    public byte[] bytes(int maxLength) {
        return raw(length(maxLength, 1, "byte string"));
    }

    public Bytes bytesValue(int maxLength) {
        return Bytes.wrap(bytes(maxLength));
    }

    public String string(int maxBytes) {
        byte[] utf8 = bytes(maxBytes);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("a string is not valid UTF-8", e);
        }
    }

    /**
     * A count-prefixed list. {@code minItemBytes} (at least 1) lets the reader refuse a count
     * that cannot fit in the bytes left before the list is allocated.
     */
    public <T> List<T> list(int maxItems, int minItemBytes, Function<CanonicalReader, T> element) {
        int n = length(maxItems, Math.max(1, minItemBytes), "list");
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(this));
        }
        return List.copyOf(out);
    }

    public <T> List<T> list(int maxItems, int minItemBytes, Codec<T> codec) {
        return list(maxItems, minItemBytes, codec::read);
    }

    /** Rejects trailing bytes. */
    public void expectEnd() {
        if (pos != end) {
            throw new CodecException((end - pos) + " trailing bytes after the encoded value");
        }
    }

    /** Expects {@code expected} as the next version byte. */
    public void version(int expected, String type) {
        int v = u8();
        if (v != expected) {
            throw new CodecException("unsupported " + type + " encoding version " + v + " (this node reads version "
                    + expected + "; upgrade if the peer is newer)");
        }
    }

    /**
     * Runs a decoding step, turning the domain's validation errors (a record constructor that
     * rejects a value) into {@link CodecException}, so decoders throw nothing else.
     */
    public <T> T guard(Supplier<T> step) {
        try {
            return step.get();
        } catch (CodecException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
            throw new CodecException("invalid value: " + e.getMessage(), e);
        }
    }
}
