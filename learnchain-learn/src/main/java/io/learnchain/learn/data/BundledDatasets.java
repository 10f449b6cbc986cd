package io.learnchain.learn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Data sets shipped inside the jar, so training works offline out of the box. Read from the class
 * path (see the README beside the files for their origin and licence).
 */
public final class BundledDatasets {
    /** Name of the bundled Fashion-MNIST subset (6000 training, 1000 test images). */
    public static final String FASHION_MNIST_SMALL = "fashion-mnist-small";
    /** Fashion-MNIST has 10 classes. */
    public static final int FASHION_MNIST_CLASSES = 10;

    private static final String DIR = "fashion-mnist-small/";

    /** Which half of a data set. */
    public enum Split {
        TRAIN("train"),
        TEST("t10k");

        private final String filePrefix;

        Split(String filePrefix) {
            this.filePrefix = filePrefix;
        }

        /** The file name prefix of the MNIST layout: train or t10k. */
        public String filePrefix() {
            return filePrefix;
        }
    }

    private BundledDatasets() {}

    /** The bundled Fashion-MNIST subset: samples [1, 28, 28] in [0, 1], 10 classes. */
    public static Dataset fashionMnistSmall(Split split) {
        String images = DIR + split.filePrefix() + "-images-idx3-ubyte.gz";
        String labels = DIR + split.filePrefix() + "-labels-idx1-ubyte.gz";
        return IdxDatasets.fromImagesAndLabels(
                FASHION_MNIST_SMALL + "/" + split.name().toLowerCase(Locale.ROOT),
                resource(images),
                images,
                resource(labels),
                labels,
                FASHION_MNIST_CLASSES);
    }

    private static IdxFile resource(String name) {
        try (InputStream in = BundledDatasets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + name + " is missing from the class path;"
                        + " the learnchain-learn jar is incomplete (rebuild it)");
            }
            return IdxReader.read(in, "bundled " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("reading bundled " + name + ": " + e.getMessage(), e);
        }
    }
}
