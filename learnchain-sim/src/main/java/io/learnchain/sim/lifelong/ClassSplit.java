package io.learnchain.sim.lifelong;

import io.learnchain.learn.data.Dataset;
import java.util.function.IntPredicate;

/** Class-incremental views of a data set: the samples of some classes, declared with a given class count. */
final class ClassSplit {
    private ClassSplit() {}

    /** The samples whose label passes {@code keep}, in order, as a data set of {@code classes} classes. */
    static Dataset filter(Dataset d, IntPredicate keep, int classes, String name) {
        return range(d, 0, d.count(), keep, classes, name);
    }

    /** Samples [from, to) of {@code d} whose label passes {@code keep}. */
    static Dataset range(Dataset d, int from, int to, IntPredicate keep, int classes, String name) {
        int size = d.sampleSize();
        int n = 0;
        for (int i = from; i < to; i++) {
            if (keep.test(d.labels()[i])) {
                n++;
            }
        }
        float[] x = new float[n * size];
        int[] y = new int[n];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (keep.test(d.labels()[i])) {
                System.arraycopy(d.features(), i * size, x, k * size, size);
                y[k++] = d.labels()[i];
            }
        }
        return new Dataset(name, d.sampleShape(), classes, x, y);
    }
}
