package io.learnchain.learn.model;

import java.util.Arrays;

/** The dimensions of one sample's tensor (no batch dimension), e.g. [1, 28, 28] or [784]. */
public record Shape(int[] dims) {

    public Shape {
        dims = dims.clone();
        if (dims.length == 0 || dims.length > 4) {
            throw new IllegalArgumentException("a shape needs 1 to 4 dimensions, got " + Arrays.toString(dims));
        }
        long size = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has a non-positive dimension");
            }
            size *= d;
            if (size > Integer.MAX_VALUE / 64) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " is too large");
            }
        }
    }

    public static Shape of(int... dims) {
        return new Shape(dims);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    /** Number of values (the product of the dimensions). */
    public int size() {
        int s = 1;
        for (int d : dims) {
            s *= d;
        }
        return s;
    }

    /** Canonical text, dimensions joined by 'x': "1x28x28". */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(dims[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
