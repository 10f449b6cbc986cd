package io.learnchain.learn.format;

import java.util.Arrays;

/**
 * A fixed input stage that {@link OnnxExporter#export(io.learnchain.learn.model.Model, InputProjection)}
 * puts in front of a model, so that the exported graph reads raw samples although the model reads
 * k projected features (a private task's model, docs/protocol.md 3.9): a sample of {@code height} x
 * {@code width} values in [0, 1] is summed over {@code pool} x {@code pool} blocks (row by row, in
 * float), times levels / pool^2, rounded half up and clamped to 0..{@code levels}; the integer vector
 * is multiplied by each of the k integer {@code rows}, and each sum by {@code scale}. This is the
 * chain's {@code InputQuantizer.quantize} and {@code ProjectionSpec.project} written as ONNX.
 */
public record InputProjection(int height, int width, int pool, int levels, int[][] rows, float scale) {
    public InputProjection {
        if (height < 1 || width < 1 || pool < 1 || height % pool != 0 || width % pool != 0) {
            throw new IllegalArgumentException(
                    "pool " + pool + " must be positive and divide the sample's " + height + "x" + width);
        }
        if (levels < 1) {
            throw new IllegalArgumentException("an input projection needs at least 1 level, got " + levels);
        }
        if (rows.length == 0 || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("an input projection needs at least one row and a finite scale");
        }
        int n = (height / pool) * (width / pool);
        int[][] copy = new int[rows.length][];
        for (int j = 0; j < rows.length; j++) {
            if (rows[j].length != n) {
                throw new IllegalArgumentException(
                        "row " + j + " has " + rows[j].length + " weights, the pooled sample " + n + " values");
            }
            copy[j] = rows[j].clone();
        }
        rows = copy;
    }

    /** Values of a raw sample: height x width. */
    public int inputSize() {
        return height * width;
    }

    /** Values of a pooled, quantized sample (the length of each row). */
    public int dimension() {
        return (height / pool) * (width / pool);
    }

    /** k, the number of features the model reads. */
    public int features() {
        return rows.length;
    }

    @Override
    public int[][] rows() {
        int[][] copy = new int[rows.length][];
        for (int j = 0; j < rows.length; j++) {
            copy[j] = rows[j].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputProjection p
                && height == p.height
                && width == p.width
                && pool == p.pool
                && levels == p.levels
                && Float.compare(scale, p.scale) == 0
                && Arrays.deepEquals(rows, p.rows);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(rows) + Float.hashCode(scale) + height * 7 + width * 11 + pool * 13 + levels;
    }

    @Override
    public String toString() {
        return "InputProjection[" + height + "x" + width + " pool " + pool + " levels " + levels + " k " + rows.length
                + " scale " + scale + "]";
    }
}
