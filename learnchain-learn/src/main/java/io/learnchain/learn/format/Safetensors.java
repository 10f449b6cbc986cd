package io.learnchain.learn.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The safetensors format (as written by the Hugging Face safetensors library and read by PyTorch):
 * an 8-byte little-endian header length, a JSON header mapping each tensor name to its dtype,
 * shape and byte range ({@code data_offsets}, relative to the data section), an optional
 * {@code __metadata__} object of string values, then the raw little-endian tensor data. This
 * implementation writes and reads F32 tensors, in the order given; the header is padded with spaces
 * to a multiple of 8 bytes. The reader checks that the ranges tile the data section exactly.
 */
public final class Safetensors {
    /** Largest header accepted by the reader (as the reference implementation: 100 MB). */
    public static final long MAX_HEADER = 100_000_000L;

    private static final String METADATA = "__metadata__";

    private Safetensors() {}

    /** A decoded file: the tensors in data order and the metadata strings. */
    public record Contents(List<NamedTensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = List.copyOf(tensors);
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        public NamedTensor tensor(String name) {
            for (NamedTensor t : tensors) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no tensor named " + name + "; the file holds "
                    + tensors.stream().map(NamedTensor::name).toList());
        }
    }

    public static byte[] write(List<NamedTensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        StringBuilder h = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            h.append(Json.quote(METADATA)).append(":{");
            String sep = "";
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                h.append(sep).append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                sep = ",";
            }
            h.append('}');
        }
        long offset = 0;
        Set<String> names = new HashSet<>();
        for (NamedTensor t : tensors) {
            if (t.name().equals(METADATA) || !names.add(t.name())) {
                throw new IllegalArgumentException("tensor name " + t.name() + " is reserved or used twice");
            }
            long end = offset + 4L * t.data().length;
            h.append(h.length() > 1 ? "," : "").append(Json.quote(t.name())).append(":{\"dtype\":\"F32\",\"shape\":[");
            int[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) {
                h.append(i > 0 ? "," : "").append(shape[i]);
            }
            h.append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(end)
                    .append("]}");
            offset = end;
        }
        h.append('}');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) & ~7;
        if (8L + padded + offset > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensors too large for one safetensors array: " + offset + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        for (NamedTensor t : tensors) {
            for (float f : t.data()) {
                b.putFloat(f);
            }
        }
        return b.array();
    }

    public static Contents read(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw new FormatException(source, "too short for a safetensors file (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = b.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > bytes.length - 8) {
            throw new FormatException(
                    source,
                    "header length " + headerLength + " does not fit the file of " + bytes.length
                            + " bytes (truncated, or not a safetensors file)");
        }
        String headerText = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        if (!(Json.parse(headerText, source + " header") instanceof Map<?, ?> header)) {
            throw new FormatException(source, "the header is not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - (long) dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA)) {
                readMetadata(e.getValue(), metadata, source);
            } else {
                entries.add(entry(name, e.getValue(), source));
            }
        }
        entries.sort((x, y) -> Long.compare(x.begin, y.begin));
        long expected = 0;
        List<NamedTensor> tensors = new ArrayList<>();
        for (Entry en : entries) {
            if (en.begin != expected) {
                throw new FormatException(
                        source,
                        "tensor " + en.name + " starts at byte " + en.begin + " but " + expected
                                + " was expected (ranges overlap or leave a gap)");
            }
            if (en.end > dataLength) {
                throw new FormatException(
                        source,
                        "tensor " + en.name + " ends at byte " + en.end + " past the data section of " + dataLength
                                + " bytes (truncated file)");
            }
            float[] data = new float[(int) ((en.end - en.begin) / 4)];
            ByteBuffer slice = ByteBuffer.wrap(bytes, dataStart + (int) en.begin, 4 * data.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            slice.asFloatBuffer().get(data);
            tensors.add(new NamedTensor(en.name, en.shape, data));
            expected = en.end;
        }
        if (expected != dataLength) {
            throw new FormatException(source, (dataLength - expected) + " bytes after the last tensor");
        }
        return new Contents(tensors, metadata);
    }

    private record Entry(String name, int[] shape, long begin, long end) {}

    private static Entry entry(String name, Object value, String source) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new FormatException(source, "tensor " + name + ": expected an object");
        }
        if (!"F32".equals(m.get("dtype"))) {
            throw new FormatException(
                    source, "tensor " + name + " has dtype " + m.get("dtype") + "; learnchain models are F32 only");
        }
        if (!(m.get("shape") instanceof List<?> shapeList)
                || !(m.get("data_offsets") instanceof List<?> offsets)
                || offsets.size() != 2) {
            throw new FormatException(source, "tensor " + name + " needs a shape list and two data_offsets");
        }
        int[] shape = new int[shapeList.size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new FormatException(source, "tensor " + name + ": bad dimension " + shapeList.get(i));
            }
            shape[i] = (int) (long) d;
            size = Math.min(size * d, Integer.MAX_VALUE);
        }
        if (!(offsets.get(0) instanceof Long begin)
                || !(offsets.get(1) instanceof Long end)
                || begin < 0
                || end < begin) {
            throw new FormatException(source, "tensor " + name + ": bad data_offsets " + offsets);
        }
        if (end - begin != 4 * size) {
            throw new FormatException(
                    source,
                    "tensor " + name + ": shape " + shapeList + " needs " + 4 * size + " bytes but data_offsets span "
                            + (end - begin));
        }
        return new Entry(name, shape, begin, end);
    }

    private static void readMetadata(Object value, Map<String, String> metadata, String source) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new FormatException(source, "__metadata__ must be an object of strings");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new FormatException(source, "__metadata__ value of " + e.getKey() + " is not a string");
            }
            metadata.put((String) e.getKey(), s);
        }
    }
}
