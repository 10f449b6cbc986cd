package io.learnchain.learn.data;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a labelled data set from CSV text (UTF-8): one sample per line, the integer label in the
 * first column and the float features after it, separated by commas. A first line whose label
 * field is not an integer is taken as a header and skipped; blank lines are ignored. Every row must
 * have the same number of features. The number of classes is max(label) + 1 unless given.
 */
public final class CsvReader {
    /** Largest number of feature values accepted (256 Mi floats, 1 GiB). */
    public static final long MAX_VALUES = 1L << 28;

    private CsvReader() {}

    public static Dataset read(String name, byte[] bytes, String source) {
        return read(name, new ByteArrayInputStream(bytes), source, 0);
    }

    /**
     * Reads {@code in} (not closed). {@code classes} = 0 infers the class count from the labels
     * (at least 2); a positive value checks every label against it.
     */
    public static Dataset read(String name, InputStream in, String source, int classes) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        try {
            return parse(name, reader, source, classes);
        } catch (CharacterCodingException e) {
            throw new MalformedDatasetException(source, "not UTF-8 text (is this a binary file?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    private static Dataset parse(String name, BufferedReader reader, String source, int classes) throws IOException {
        FloatList features = new FloatList();
        IntList labels = new IntList();
        int width = -1;
        int lineNo = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (labels.size == 0 && width < 0 && !isInteger(fields[0].strip())) {
                width = -2; // header seen; the first data row fixes the width
                continue;
            }
            if (fields.length < 2) {
                throw new MalformedDatasetException(
                        source, "line " + lineNo + ": needs a label and at least one feature");
            }
            if (width >= 0 && fields.length - 1 != width) {
                throw new MalformedDatasetException(
                        source,
                        "line " + lineNo + ": " + (fields.length - 1) + " features, but earlier rows have " + width);
            }
            width = fields.length - 1;
            labels.add(parseLabel(fields[0].strip(), source, lineNo, classes));
            for (int i = 1; i < fields.length; i++) {
                features.add(parseFeature(fields[i].strip(), source, lineNo, i + 1));
            }
            if (features.size > MAX_VALUES) {
                throw new MalformedDatasetException(source, "more than " + MAX_VALUES + " feature values");
            }
        }
        if (labels.size == 0) {
            throw new MalformedDatasetException(source, "no data rows (expected lines of: label,feature,feature,...)");
        }
        int[] y = Arrays.copyOf(labels.values, labels.size);
        int k = classes > 0 ? classes : Math.max(2, Arrays.stream(y).max().orElse(0) + 1);
        return new Dataset(name, new int[] {width}, k, Arrays.copyOf(features.values, features.size), y);
    }

    private static int parseLabel(String field, String source, int lineNo, int classes) {
        if (!isInteger(field)) {
            throw new MalformedDatasetException(
                    source,
                    "line " + lineNo + ": label '" + field
                            + "' is not a non-negative integer (the label goes in the first column)");
        }
        int label;
        try {
            label = Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new MalformedDatasetException(source, "line " + lineNo + ": label '" + field + "' is too large", e);
        }
        if (classes > 0 && label >= classes) {
            throw new MalformedDatasetException(
                    source, "line " + lineNo + ": label " + label + " is outside [0, " + classes + ")");
        }
        return label;
    }

    private static float parseFeature(String field, String source, int lineNo, int column) {
        float v;
        try {
            v = Float.parseFloat(field);
        } catch (NumberFormatException e) {
            throw new MalformedDatasetException(
                    source, "line " + lineNo + ", column " + column + ": '" + field + "' is not a number", e);
        }
        if (!Float.isFinite(v)) {
            throw new MalformedDatasetException(
                    source, "line " + lineNo + ", column " + column + ": features must be finite, got " + field);
        }
        return v == 0f ? 0f : v;
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static final class FloatList {
        float[] values = new float[1024];
        int size;

        void add(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }
    }

    private static final class IntList {
        int[] values = new int[256];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }
    }
}
