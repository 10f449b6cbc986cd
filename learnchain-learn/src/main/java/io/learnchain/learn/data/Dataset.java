package io.learnchain.learn.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A labelled classification data set held in memory: {@code count} samples, each a float32 feature
 * block of {@code sampleShape} (e.g. [1, 28, 28] for an image, [784] flattened), and an integer
 * label in [0, classes). Features of sample i occupy {@code features[i * sampleSize(), (i + 1) *
 * sampleSize())}. The arrays are owned by the data set and never changed after construction.
 */
public record Dataset(String name, int[] sampleShape, int classes, float[] features, int[] labels) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sampleShape, "sampleShape");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        sampleShape = sampleShape.clone();
        if (sampleShape.length == 0) {
            throw new IllegalArgumentException("data set " + name + ": a sample needs at least one dimension");
        }
        long size = 1;
        for (int d : sampleShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("data set " + name + ": sample shape " + Arrays.toString(sampleShape)
                        + " has a non-positive dimension");
            }
            size *= d;
        }
        if (classes < 2) {
            throw new IllegalArgumentException("data set " + name + ": needs at least 2 classes, got " + classes);
        }
        if ((long) labels.length * size != features.length) {
            throw new IllegalArgumentException("data set " + name + ": " + labels.length + " labels but "
                    + features.length + " feature values (expected " + labels.length * size + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("data set " + name + ": label " + labels[i] + " of sample " + i
                        + " is outside [0, " + classes + ")");
            }
        }
    }

    public int count() {
        return labels.length;
    }

    /** Number of float values per sample (the product of the sample shape). */
    public int sampleSize() {
        int size = 1;
        for (int d : sampleShape) {
            size *= d;
        }
        return size;
    }

    @Override
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d
                && name.equals(d.name)
                && classes == d.classes
                && Arrays.equals(sampleShape, d.sampleShape)
                && Arrays.equals(features, d.features)
                && Arrays.equals(labels, d.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, classes, Arrays.hashCode(sampleShape), labels.length);
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + count() + " x " + Arrays.toString(sampleShape) + ", " + classes + " classes]";
    }
}
