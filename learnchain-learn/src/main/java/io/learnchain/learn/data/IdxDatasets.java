package io.learnchain.learn.data;

/**
 * Builds a {@link Dataset} from an IDX image file and an IDX label file (MNIST layout): images of
 * shape [count, rows, cols] become samples of shape [1, rows, cols] with pixel / 255f in [0, 1];
 * labels of shape [count] must lie in [0, classes).
 */
public final class IdxDatasets {
    private IdxDatasets() {}

    /**
     * Pairs {@code images} with {@code labels}; {@code imagesSource} and {@code labelsSource} name the
     * files in error messages.
     */
    public static Dataset fromImagesAndLabels(
            String name, IdxFile images, String imagesSource, IdxFile labels, String labelsSource, int classes) {
        int[] imageDims = images.dims();
        if (imageDims.length != 3) {
            throw new MalformedDatasetException(
                    imagesSource,
                    "an image file has 3 dimensions [count, rows, cols], got " + imageDims.length
                            + " (is this a label file?)");
        }
        if (labels.dims().length != 1) {
            throw new MalformedDatasetException(
                    labelsSource,
                    "a label file has 1 dimension [count], got " + labels.dims().length + " (is this an image file?)");
        }
        if (images.count() != labels.count()) {
            throw new MalformedDatasetException(
                    labelsSource,
                    labels.count() + " labels but " + imagesSource + " holds " + images.count()
                            + " images; the two files must belong together");
        }
        int count = images.count();
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = labels.unsigned(i);
            if (y[i] >= classes) {
                throw new MalformedDatasetException(
                        labelsSource, "label " + y[i] + " of item " + i + " is outside [0, " + classes + ")");
            }
        }
        float[] x = new float[images.data().length];
        byte[] pixels = images.data();
        for (int i = 0; i < pixels.length; i++) {
            x[i] = (pixels[i] & 0xFF) / 255f;
        }
        return new Dataset(name, new int[] {1, imageDims[1], imageDims[2]}, classes, x, y);
    }
}
