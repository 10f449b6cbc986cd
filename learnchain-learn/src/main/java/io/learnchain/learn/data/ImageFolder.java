package io.learnchain.learn.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A labelled data set from images in class folders, the layout of torchvision's {@code ImageFolder}:
 * the classes are the folder names in sorted order (class 0 first), the samples every PNG or JPEG
 * image in them. Every image must have the same size. The channels are inferred: one when every image
 * is grayscale, else three (RGB; an alpha channel is dropped and a grayscale image repeated into the
 * three). A sample is [C, H, W], each value the pixel / its maximum (255 for 8 bits) in [0, 1], so a
 * folder of the Fashion-MNIST images gives exactly the IDX reader's data set. Images are decoded in
 * memory (no cache files).
 */
public final class ImageFolder {
    /** One image file: its class folder, its name (for errors) and its bytes. */
    public record Image(String className, String fileName, byte[] bytes) {}

    private ImageFolder() {}

    /** Builds the data set from {@code images} with the class order {@code classes}; {@code source} names the folder. */
    public static Dataset read(String name, List<String> classes, List<Image> images, String source) {
        if (classes.size() < 2) {
            throw new MalformedDatasetException(
                    source,
                    classes.size() + " class folder(s): an image folder needs one"
                            + " sub-folder per class, at least two, each with the images of that class");
        }
        if (images.isEmpty()) {
            throw new MalformedDatasetException(source, "no PNG or JPEG images in its class folders");
        }
        List<Raster> rasters = new ArrayList<>(images.size());
        List<BufferedImage> decoded = new ArrayList<>(images.size());
        boolean allGray = true;
        int width = -1;
        int height = -1;
        String first = null;
        for (Image image : images) {
            BufferedImage img = decode(image, source);
            if (width < 0) {
                width = img.getWidth();
                height = img.getHeight();
                first = image.className() + "/" + image.fileName();
            } else if (img.getWidth() != width || img.getHeight() != height) {
                throw new MalformedDatasetException(
                        source,
                        image.className() + "/" + image.fileName() + " is "
                                + img.getWidth() + "x" + img.getHeight() + " but " + first + " is " + width + "x"
                                + height
                                + ": every image must have one size (resize them first)");
            }
            allGray &= img.getColorModel().getNumColorComponents() == 1;
            decoded.add(img);
            rasters.add(img.getRaster());
        }
        int channels = allGray ? 1 : 3;
        int plane = width * height;
        if ((long) images.size() * channels * plane > CsvReader.MAX_VALUES) {
            throw new MalformedDatasetException(source, "more than " + CsvReader.MAX_VALUES + " pixel values");
        }
        float[] features = new float[images.size() * channels * plane];
        int[] labels = new int[images.size()];
        for (int s = 0; s < images.size(); s++) {
            Image image = images.get(s);
            int label = classes.indexOf(image.className());
            if (label < 0) {
                throw new MalformedDatasetException(
                        source,
                        "class folder '" + image.className() + "' is not one of the training classes " + classes);
            }
            labels[s] = label;
            BufferedImage img = decoded.get(s);
            int base = s * channels * plane;
            if (allGray) {
                Raster r = rasters.get(s);
                float max = (1 << img.getColorModel().getComponentSize(0)) - 1;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        features[base + y * width + x] = r.getSample(x, y, 0) / max;
                    }
                }
            } else {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int rgb = img.getRGB(x, y);
                        int at = base + y * width + x;
                        features[at] = ((rgb >> 16) & 0xff) / 255f;
                        features[at + plane] = ((rgb >> 8) & 0xff) / 255f;
                        features[at + 2 * plane] = (rgb & 0xff) / 255f;
                    }
                }
            }
        }
        return new Dataset(name, new int[] {channels, height, width}, classes.size(), features, labels);
    }

    private static BufferedImage decode(Image image, String source) {
        BufferedImage img;
        try {
            // ImageIO.read closes the stream it is given
            img = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(image.bytes())));
        } catch (IOException | RuntimeException e) {
            throw new MalformedDatasetException(
                    source, image.className() + "/" + image.fileName() + " cannot be decoded: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new MalformedDatasetException(
                    source, image.className() + "/" + image.fileName() + " is not a PNG or JPEG image");
        }
        return img;
    }
}
