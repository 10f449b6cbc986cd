package io.learnchain.learn.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content of an IDX file of unsigned bytes (the MNIST and Fashion-MNIST format): its dimensions
 * and its values in row-major order. {@code dims[0]} is the item count.
 */
public record IdxFile(int[] dims, byte[] data) {

    public IdxFile {
        Objects.requireNonNull(dims, "dims");
        Objects.requireNonNull(data, "data");
        dims = dims.clone();
        if (dims.length == 0) {
            throw new IllegalArgumentException("an IDX file has at least one dimension");
        }
        long size = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative IDX dimension in " + Arrays.toString(dims));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "IDX dimensions " + Arrays.toString(dims) + " need " + size + " values, got " + data.length);
        }
    }

    /** Number of items (the first dimension). */
    public int count() {
        return dims[0];
    }

    /** Values per item (the product of the remaining dimensions). */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    /** Unsigned value {@code index} (0-255). */
    public int unsigned(int index) {
        return data[index] & 0xFF;
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxFile f && Arrays.equals(dims, f.dims) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxFile" + Arrays.toString(dims);
    }
}
