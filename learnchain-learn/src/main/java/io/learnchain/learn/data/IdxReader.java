package io.learnchain.learn.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files of unsigned bytes (type 0x08), plain or gzip-compressed (detected by
 * the gzip magic). Works on streams handed in: it opens nothing. Sizes are checked before anything
 * is allocated, so a corrupt header cannot ask for gigabytes.
 */
public final class IdxReader {
    /** Largest IDX payload accepted (1 GiB): the full MNIST training images are 47 MB. */
    public static final long MAX_VALUES = 1L << 30;

    private static final int TYPE_UBYTE = 0x08;
    private static final int MAX_RANK = 8;

    private IdxReader() {}

    /** Reads an IDX file from {@code bytes}; {@code source} names it in error messages. */
    public static IdxFile read(byte[] bytes, String source) {
        return read(new ByteArrayInputStream(bytes), source);
    }

    /**
     * Reads one IDX file from {@code in} (not closed), gunzipping when it starts with the gzip magic.
     * Trailing bytes after the declared data are an error.
     */
    public static IdxFile read(InputStream in, String source) {
        try {
            InputStream raw = in.markSupported() ? in : new BufferedInputStream(in);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream body = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
            return readPlain(body, source);
        } catch (ZipException e) {
            throw new MalformedDatasetException(
                    source, "corrupt gzip data (" + e.getMessage() + "); download the file again", e);
        } catch (EOFException e) {
            throw new MalformedDatasetException(
                    source, "truncated: the file ends before its declared size" + " (an interrupted download?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    private static IdxFile readPlain(InputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length == 0) {
            throw new MalformedDatasetException(source, "empty file, expected an IDX file");
        }
        if (magic.length < 4 || magic[0] != 0 || magic[1] != 0) {
            throw new MalformedDatasetException(
                    source, "not an IDX file (the first two bytes must be 0, got " + hex(magic) + ")");
        }
        if ((magic[2] & 0xFF) != TYPE_UBYTE) {
            throw new MalformedDatasetException(
                    source,
                    String.format(
                            "IDX value type 0x%02x is not supported; only unsigned bytes (0x08) are", magic[2] & 0xFF));
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > MAX_RANK) {
            throw new MalformedDatasetException(source, "IDX rank " + rank + " is outside [1, " + MAX_RANK + "]");
        }
        int[] dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = readIntBE(in);
            if (dims[i] < 0) {
                throw new MalformedDatasetException(source, "IDX dimension " + i + " is negative");
            }
            size *= dims[i];
            if (size > MAX_VALUES) {
                throw new MalformedDatasetException(
                        source,
                        "IDX dimensions " + Arrays.toString(dims) + " exceed the limit of " + MAX_VALUES + " values");
            }
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new MalformedDatasetException(
                    source,
                    "truncated: the header " + Arrays.toString(dims) + " declares " + size + " values but only "
                            + data.length + " follow");
        }
        if (in.read() != -1) {
            throw new MalformedDatasetException(
                    source,
                    "trailing bytes after the " + size + " values declared by the header " + Arrays.toString(dims));
        }
        return new IdxFile(dims, data);
    }

    private static int readIntBE(InputStream in) throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) {
            throw new EOFException();
        }
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /** The plain (uncompressed) IDX encoding of {@code file}. */
    public static byte[] encode(IdxFile file) {
        int[] dims = file.dims();
        byte[] out = new byte[4 + 4 * dims.length + file.data().length];
        out[2] = TYPE_UBYTE;
        out[3] = (byte) dims.length;
        for (int i = 0; i < dims.length; i++) {
            int d = dims[i];
            out[4 + 4 * i] = (byte) (d >>> 24);
            out[5 + 4 * i] = (byte) (d >>> 16);
            out[6 + 4 * i] = (byte) (d >>> 8);
            out[7 + 4 * i] = (byte) d;
        }
        System.arraycopy(file.data(), 0, out, 4 + 4 * dims.length, file.data().length);
        return out;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }
}
