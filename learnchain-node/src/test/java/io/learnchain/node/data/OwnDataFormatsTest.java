package io.learnchain.node.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.MalformedDatasetException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, part 4: a data scientist's own data, as torchvision's ImageFolder lays it out and as NumPy
 * saves it. The bundled Fashion-MNIST test split written out as PNG files or as .npy / .npz arrays
 * loads back to exactly the same samples, labels and shape, so (under one name) the same canonical
 * bytes and hash; bad files are refused with what to do.
 */
class OwnDataFormatsTest {
    private static final int N = 60;
    private static final Dataset FASHION = first(BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST), N);

    @TempDir
    Path tmp;

    private final DatasetLoader loader = new DatasetLoader(List.of());

    @Test
    void pngFoldersGiveTheIdxReadersDataSet() throws IOException {
        Path dir = tmp.resolve("fashion-png");
        for (int i = 0; i < N; i++) {
            Path classDir = Files.createDirectories(dir.resolve(String.format("class-%02d", FASHION.labels()[i])));
            ImageIO.write(
                    gray(FASHION, i),
                    "png",
                    classDir.resolve(String.format("%03d.png", i)).toFile());
        }
        TrainTestData d = loader.load("imagefolder:" + dir);
        assertThat(d.testIsTrain()).isTrue();
        Dataset loaded = d.train();
        assertThat(loaded.sampleShape()).containsExactly(1, 28, 28);
        // class folders sorted by name: class-00 ... class-09 are the labels 0 ... 9 of the samples present
        assertSameSamplesAsAMultiset(loaded, FASHION);
        assertThat(loaded.classes()).isEqualTo(classesPresent(FASHION));
    }

    @Test
    void trainAndTestFoldersAndColourImages() throws IOException {
        Path dir = tmp.resolve("colour");
        for (String split : List.of("train", "test")) {
            for (String c : List.of("cat", "dog")) {
                Path classDir = Files.createDirectories(dir.resolve(split).resolve(c));
                BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
                img.setRGB(1, 2, c.equals("cat") ? 0xff0000 : 0x0000ff);
                ImageIO.write(img, "png", classDir.resolve("a.png").toFile());
                ImageIO.write(img, "jpg", classDir.resolve("b.JPG").toFile());
            }
        }
        TrainTestData d = loader.load("imagefolder:" + dir);
        assertThat(d.testIsTrain()).isFalse();
        assertThat(d.train().sampleShape()).containsExactly(3, 3, 4);
        assertThat(d.train().labels()).containsExactly(0, 0, 1, 1);
        assertThat(d.train().features()[2 * 4 + 1])
                .as("red of cat/a.png at (1, 2)")
                .isEqualTo(1f);
        assertThat(d.test().count()).isEqualTo(4);
    }

    @Test
    void imagesOfTwoSizesAreRefusedNamingBoth() throws IOException {
        Path dir = tmp.resolve("mixed");
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        ImageIO.write(
                new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY),
                "png",
                dir.resolve("a/1.png").toFile());
        ImageIO.write(
                new BufferedImage(8, 9, BufferedImage.TYPE_BYTE_GRAY),
                "png",
                dir.resolve("b/2.png").toFile());
        assertThatThrownBy(() -> loader.load("imagefolder:" + dir))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageContaining("b/2.png is 8x9 but a/1.png is 8x8");
        Files.writeString(dir.resolve("b/2.png"), "not an image");
        assertThatThrownBy(() -> loader.load("imagefolder:" + dir))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageContaining("b/2.png");
    }

    @Test
    void npyArraysGiveTheSameDataSetInEitherByteOrderAndDtype() throws IOException {
        byte[] pixels = new byte[FASHION.features().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.round(FASHION.features()[i] * 255f);
        }
        Path x = Files.write(tmp.resolve("x.npy"), npy("|u1", new int[] {N, 28, 28}, pixels));
        Path y = Files.write(
                tmp.resolve("y.npy"), npy("<i8", new int[] {N}, longs(FASHION.labels(), ByteOrder.LITTLE_ENDIAN)));
        Dataset loaded = loader.load("npy:" + x + "," + y).train();
        assertSame(rename(loaded, FASHION.name()), FASHION);

        Path yBig = Files.write(tmp.resolve("y-big.npy"), npy(">i4", new int[] {N}, ints(FASHION.labels())));
        Path xFloat = Files.write(tmp.resolve("x-f4.npy"), npy("<f4", new int[] {N, 784}, floats(FASHION.features())));
        Dataset flat = loader.load("npy:" + xFloat + "," + yBig).train();
        assertThat(flat.sampleShape()).containsExactly(784);
        assertThat(flat.features()).isEqualTo(FASHION.features());
        assertThat(flat.labels()).isEqualTo(FASHION.labels());
    }

    @Test
    void npzArchivesWithTrainAndTestArrays() throws IOException {
        byte[] pixels = new byte[FASHION.features().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.round(FASHION.features()[i] * 255f);
        }
        byte[] xs = npy("|u1", new int[] {N, 28, 28}, pixels);
        byte[] ys = npy("<i8", new int[] {N}, longs(FASHION.labels(), ByteOrder.LITTLE_ENDIAN));
        Path npz = tmp.resolve("fashion.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            for (var e : List.of(
                    new Object[] {"x_train.npy", xs},
                    new Object[] {"y_train.npy", ys},
                    new Object[] {"x_test.npy", xs},
                    new Object[] {"y_test.npy", ys})) {
                zip.putNextEntry(new ZipEntry((String) e[0]));
                zip.write((byte[]) e[1]);
                zip.closeEntry();
            }
        }
        TrainTestData d = loader.load("npz:" + npz);
        assertThat(d.testIsTrain()).isFalse();
        assertSame(rename(d.test(), FASHION.name()), FASHION);
    }

    @Test
    void badArraysSayWhatToDo() throws IOException {
        Path y = Files.write(
                tmp.resolve("y.npy"), npy("<i8", new int[] {2}, longs(new int[] {0, 1}, ByteOrder.LITTLE_ENDIAN)));
        Path fortran = Files.write(
                tmp.resolve("f.npy"),
                npyWithHeader("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new byte[16]));
        assertThatThrownBy(() -> loader.load("npy:" + fortran + "," + y))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageContaining("Fortran order");
        Path objects = Files.write(
                tmp.resolve("o.npy"),
                npyWithHeader("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", new byte[16]));
        assertThatThrownBy(() -> loader.load("npy:" + objects + "," + y))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageContaining("object arrays");
        Path shortData = Files.write(tmp.resolve("s.npy"), npy("<f4", new int[] {2, 3}, new byte[20]));
        assertThatThrownBy(() -> loader.load("npy:" + shortData + "," + y))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageContaining("needs 24 data bytes, the file has 20");
        Path three = Files.write(tmp.resolve("x3.npy"), npy("<f4", new int[] {3, 1}, new byte[12]));
        assertThatThrownBy(() -> loader.load("npy:" + three + "," + y))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageContaining("2 labels for 3 samples");
        assertThatThrownBy(() -> loader.load("npy:" + three))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("npy:X.npy,Y.npy");
    }

    private static void assertSame(Dataset a, Dataset b) {
        assertThat(a.sampleShape()).isEqualTo(b.sampleShape());
        assertThat(a.labels()).isEqualTo(b.labels());
        assertThat(a.features()).isEqualTo(b.features());
        assertThat(DatasetCodec.hash(new Dataset(b.name(), a.sampleShape(), b.classes(), a.features(), a.labels())))
                .isEqualTo(DatasetCodec.hash(b));
    }

    private static void assertSameSamplesAsAMultiset(Dataset loaded, Dataset expected) {
        int size = 28 * 28;
        List<String> a = samples(loaded, size);
        List<String> b = samples(expected, size);
        assertThat(a).containsExactlyInAnyOrderElementsOf(b);
    }

    /** Each sample as "label:pixels", with the label renumbered in sorted order of the classes present. */
    private static List<String> samples(Dataset d, int size) {
        int[] present = Arrays.stream(d.labels()).distinct().sorted().toArray();
        return IntStream.range(0, d.count())
                .mapToObj(i -> Arrays.binarySearch(present, d.labels()[i]) + ":"
                        + Arrays.toString(Arrays.copyOfRange(d.features(), i * size, (i + 1) * size)))
                .toList();
    }

    private static int classesPresent(Dataset d) {
        return Math.max(2, (int) Arrays.stream(d.labels()).distinct().count());
    }

    private static Dataset first(Dataset d, int n) {
        int size = d.features().length / d.count();
        return new Dataset(
                d.name(),
                d.sampleShape(),
                d.classes(),
                Arrays.copyOf(d.features(), n * size),
                Arrays.copyOf(d.labels(), n));
    }

    private static Dataset rename(Dataset d, String name) {
        return new Dataset(name, d.sampleShape(), d.classes(), d.features(), d.labels());
    }

    private static BufferedImage gray(Dataset d, int i) {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, Math.round(d.features()[i * 784 + y * 28 + x] * 255f));
            }
        }
        return img;
    }

    private static byte[] npy(String descr, int[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder();
        for (int s : shape) {
            dims.append(s).append(", ");
        }
        return npyWithHeader(
                "{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
                        + dims.toString().strip() + "), }",
                data);
    }

    /** The .npy bytes numpy.save writes: magic, version 1.0, the header padded to a multiple of 64. */
    private static byte[] npyWithHeader(String dict, byte[] data) {
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] longs(int[] values, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
        for (int v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static byte[] ints(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.BIG_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
