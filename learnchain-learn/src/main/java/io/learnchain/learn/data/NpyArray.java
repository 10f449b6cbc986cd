package io.learnchain.learn.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One array in NumPy's {@code .npy} format (versions 1.0 to 3.0), as {@code numpy.save} writes it:
 * the magic {@code \x93NUMPY}, a version, a header that is a Python dict literal with {@code descr}
 * (the dtype: byte order, kind and size), {@code fortran_order} and {@code shape}, then the values in
 * C order. Numeric dtypes only (signed and unsigned integers of 1 to 8 bytes, float32, float64, in
 * either byte order); pickled object arrays and Fortran order are refused with what to do instead.
 */
public final class NpyArray {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DTYPE = Pattern.compile("([<>|=])([uif])([1248])");

    private final String source;
    private final char kind;
    private final int itemSize;
    private final int[] shape;
    private final ByteBuffer data;

    private NpyArray(String source, char kind, int itemSize, int[] shape, ByteBuffer data) {
        this.source = source;
        this.kind = kind;
        this.itemSize = itemSize;
        this.shape = shape;
        this.data = data;
    }

    /** Parses {@code bytes}; {@code source} names them in errors. */
    public static NpyArray read(byte[] bytes, String source) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new MalformedDatasetException(
                    source,
                    "not a NumPy .npy file (it does not start with \\x93NUMPY;" + " save the array with numpy.save)");
        }
        int major = bytes[6] & 0xff;
        if (major < 1 || major > 3) {
            throw new MalformedDatasetException(source, ".npy format version " + major + " is not one of 1, 2, 3");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerStart = major == 1 ? 10 : 12;
        if (bytes.length < headerStart) {
            throw new MalformedDatasetException(source, "the file ends inside its header");
        }
        long headerLength = major == 1 ? in.getShort(8) & 0xffff : in.getInt(8) & 0xffffffffL;
        if (headerStart + headerLength > bytes.length) {
            throw new MalformedDatasetException(
                    source, "the header claims " + headerLength + " bytes, the file is " + bytes.length);
        }
        String header = new String(
                bytes,
                headerStart,
                (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, source, "descr");
        if (group(FORTRAN, header, source, "fortran_order").equals("True")) {
            throw new MalformedDatasetException(
                    source,
                    "the array is in Fortran order; save it in C order"
                            + " (numpy.save(f, numpy.ascontiguousarray(a)))");
        }
        Matcher dtype = DTYPE.matcher(descr);
        if (!dtype.matches()
                || dtype.group(2).equals("f")
                        && !(dtype.group(3).equals("4") || dtype.group(3).equals("8"))) {
            throw new MalformedDatasetException(
                    source,
                    "dtype '" + descr + "' is not read: save integers (u1..u8," + " i1..i8) or floats (f4, f8)"
                            + (descr.contains("O") ? "; object arrays would need pickle" : ""));
        }
        int[] shape = shape(group(SHAPE, header, source, "shape"), source);
        int itemSize = Integer.parseInt(dtype.group(3));
        long count = 1;
        for (int d : shape) {
            count = Math.multiplyExact(count, d);
        }
        long dataStart = headerStart + headerLength;
        long expected = count * itemSize;
        if (bytes.length - dataStart != expected) {
            throw new MalformedDatasetException(
                    source,
                    "shape " + Arrays.toString(shape) + " of " + descr + " needs " + expected
                            + " data bytes, the file has " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) expected)
                .slice()
                .order(dtype.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        return new NpyArray(source, dtype.group(2).charAt(0), itemSize, shape, data);
    }

    private static String group(Pattern p, String header, String source, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new MalformedDatasetException(
                    source, "the .npy header has no valid '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static int[] shape(String text, String source) {
        String[] parts = text.split(",");
        int[] dims = Arrays.stream(parts)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .mapToInt(s -> {
                    try {
                        return Integer.parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
                    } catch (NumberFormatException e) {
                        throw new MalformedDatasetException(source, "shape (" + text + ") is not a tuple of sizes");
                    }
                })
                .toArray();
        for (int d : dims) {
            if (d < 0) {
                throw new MalformedDatasetException(source, "shape (" + text + ") has a negative size");
            }
        }
        return dims;
    }

    public int[] shape() {
        return shape.clone();
    }

    public String source() {
        return source;
    }

    /** Whether the values are unsigned bytes (pixels: scaled to [0, 1] as features). */
    public boolean isBytes() {
        return kind == 'u' && itemSize == 1;
    }

    public boolean isInteger() {
        return kind != 'f';
    }

    public int size() {
        return data.capacity() / itemSize;
    }

    /** Value {@code i} in C order, as a double (exact for every integer up to 2^53 and every float). */
    public double get(int i) {
        int at = i * itemSize;
        return switch (kind) {
            case 'f' -> itemSize == 4 ? data.getFloat(at) : data.getDouble(at);
            case 'i' ->
                switch (itemSize) {
                    case 1 -> data.get(at);
                    case 2 -> data.getShort(at);
                    case 4 -> data.getInt(at);
                    default -> (double) data.getLong(at);
                };
            default ->
                switch (itemSize) {
                    case 1 -> data.get(at) & 0xff;
                    case 2 -> data.getShort(at) & 0xffff;
                    case 4 -> data.getInt(at) & 0xffffffffL;
                    default -> {
                        long v = data.getLong(at);
                        yield v >= 0 ? (double) v : Long.MAX_VALUE;
                    }
                };
        };
    }
}
