package io.learnchain.node.data;

import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.CsvReader;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.IdxDatasets;
import io.learnchain.learn.data.IdxFile;
import io.learnchain.learn.data.IdxReader;
import io.learnchain.learn.data.ImageFolder;
import io.learnchain.learn.data.NpyArray;
import io.learnchain.learn.data.NpyDatasets;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds data sets on disk and loads them through the core readers. The full Fashion-MNIST set is
 * searched for in the given roots (each holding a {@code fashion-mnist} folder, or being the
 * Debian location itself); files may be gzip-compressed ({@code .gz}) or plain.
 */
public final class DatasetLoader {
    /** Where the Debian package dataset-fashion-mnist installs the files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
    };

    private final List<Path> fashionMnistDirs;

    /** {@code fashionMnistDirs}: the folders searched, in order, for {@code fashion-mnist}. */
    public DatasetLoader(List<Path> fashionMnistDirs) {
        this.fashionMnistDirs = List.copyOf(fashionMnistDirs);
    }

    /**
     * The standard search order: /usr/share/datasets/fashion-mnist, then
     * $LEARNCHAIN_DATASETS/fashion-mnist, then ~/.learnchain/datasets/fashion-mnist.
     */
    public static DatasetLoader standard(Map<String, String> env, Path home) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(DEBIAN_FASHION_MNIST);
        String custom = env.get("LEARNCHAIN_DATASETS");
        if (custom != null && !custom.isBlank()) {
            dirs.add(Path.of(custom).resolve("fashion-mnist"));
        }
        dirs.add(home.resolve(".learnchain").resolve("datasets").resolve("fashion-mnist"));
        return new DatasetLoader(dirs);
    }

    public static DatasetLoader standard() {
        return standard(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Told the bytes read so far and the total of the files being read (for a progress bar). */
    @FunctionalInterface
    public interface LoadProgress {
        LoadProgress NONE = (read, total) -> {};

        void onBytes(long read, long total);
    }

    public TrainTestData load(String spec) {
        return load(DatasetSpec.parse(spec));
    }

    public TrainTestData load(DatasetSpec spec) {
        return load(spec, LoadProgress.NONE);
    }

    /** As {@link #load(DatasetSpec)}, reporting the bytes read from files to {@code progress}. */
    public TrainTestData load(String spec, LoadProgress progress) {
        return load(DatasetSpec.parse(spec), progress);
    }

    /** As {@link #load(DatasetSpec)}, reporting the bytes read from files to {@code progress}. */
    public TrainTestData load(DatasetSpec spec, LoadProgress progress) {
        Objects.requireNonNull(spec, "spec");
        Reading reading = new Reading(progress);
        return switch (spec) {
            case DatasetSpec.Bundled b ->
                new TrainTestData(
                        BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN),
                        BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST),
                        "bundled fashion-mnist-small",
                        false);
            case DatasetSpec.FashionMnistSearch s -> loadFashionMnist(findFashionMnist(), reading);
            case DatasetSpec.FashionMnistDir d -> loadFashionMnist(checkedDir(d.dir()), reading);
            case DatasetSpec.Csv c -> loadCsv(c.train(), c.test(), reading);
            case DatasetSpec.ImageFolderDir d -> loadImageFolder(d.dir(), reading);
            case DatasetSpec.Npy n -> loadNpy(n, reading);
            case DatasetSpec.Npz z -> loadNpz(z.file(), reading);
        };
    }

    /** The first search folder that holds all four Fashion-MNIST files, or a clear error. */
    public Path findFashionMnist() {
        for (Path dir : fashionMnistDirs) {
            if (missingFiles(dir).isEmpty()) {
                return dir;
            }
        }
        throw new DatasetNotFoundException("the full Fashion-MNIST data set was not found in " + fashionMnistDirs
                + ". Install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist), "
                + "or pass --dataset fashion-mnist:DIR with the four IDX files (" + String.join(", ", FILES)
                + ", .gz or plain) in DIR, or use --dataset fashion-mnist-small (bundled)");
    }

    private Path checkedDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException(
                    dir + " is not a folder; --dataset fashion-mnist:DIR needs a folder with " + "the four IDX files "
                            + String.join(", ", FILES) + " (.gz or plain)");
        }
        List<String> missing = missingFiles(dir);
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException(dir + " lacks " + String.join(", ", missing)
                    + " (.gz or plain); a Fashion-MNIST folder holds the four IDX files " + String.join(", ", FILES));
        }
        return dir;
    }

    private static List<String> missingFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String f : FILES) {
            if (locate(dir, f).isEmpty()) {
                missing.add(f);
            }
        }
        return missing;
    }

    private static Optional<Path> locate(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return Optional.of(gz);
        }
        Path plain = dir.resolve(base);
        return Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }

    /** Counts the bytes read from a load's files against their total size. */
    private static final class Reading {
        private final LoadProgress progress;
        private long read;
        private long total;

        Reading(LoadProgress progress) {
            this.progress = progress;
        }

        void expect(Path... files) {
            for (Path f : files) {
                try {
                    total += Files.size(f);
                } catch (IOException e) {
                    // the read below reports the problem
                }
            }
        }

        InputStream open(Path file) throws IOException {
            return new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    count(Math.max(0, n));
                    return n;
                }
            };
        }

        private void count(int n) {
            if (n > 0) {
                read += n;
                progress.onBytes(read, Math.max(read, total));
            }
        }
    }

    private static TrainTestData loadFashionMnist(Path dir, Reading reading) {
        for (String f : FILES) {
            locate(dir, f).ifPresent(reading::expect);
        }
        Dataset train = idxPair(dir, "train", "fashion-mnist/train", reading);
        Dataset test = idxPair(dir, "t10k", "fashion-mnist/test", reading);
        return new TrainTestData(train, test, "fashion-mnist in " + dir, false);
    }

    private static Dataset idxPair(Path dir, String prefix, String name, Reading reading) {
        Path images = locate(dir, prefix + "-images-idx3-ubyte").orElseThrow();
        Path labels = locate(dir, prefix + "-labels-idx1-ubyte").orElseThrow();
        return IdxDatasets.fromImagesAndLabels(
                name,
                readIdx(images, reading),
                images.toString(),
                readIdx(labels, reading),
                labels.toString(),
                BundledDatasets.FASHION_MNIST_CLASSES);
    }

    private static IdxFile readIdx(Path file, Reading reading) {
        try (InputStream in = reading.open(file)) {
            return IdxReader.read(in, file.toString());
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static TrainTestData loadCsv(Path trainFile, Optional<Path> testFile, Reading reading) {
        reading.expect(trainFile);
        testFile.ifPresent(reading::expect);
        Dataset train = readCsv(trainFile, "csv/train", 0, reading);
        if (testFile.isEmpty()) {
            return new TrainTestData(train, train, "csv " + trainFile, true);
        }
        Dataset test = readCsv(testFile.get(), "csv/test", 0, reading);
        int classes = Math.max(train.classes(), test.classes());
        return new TrainTestData(
                withClasses(train, classes),
                withClasses(test, classes),
                "csv " + trainFile + " and " + testFile.get(),
                false);
    }

    /** {@code imagefolder:DIR}: DIR/train and DIR/test when both hold class folders, else DIR as both (said so). */
    private static TrainTestData loadImageFolder(Path dir, Reading reading) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException(dir + " is not a folder; --dataset imagefolder:DIR needs a folder with"
                    + " one sub-folder of PNG/JPEG images per class (or DIR/train and DIR/test laid out so)");
        }
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        if (Files.isDirectory(train) && Files.isDirectory(test)) {
            List<String> classes = classFolders(train);
            return new TrainTestData(
                    readImages(train, "imagefolder/train", classes, reading),
                    readImages(test, "imagefolder/test", classes, reading),
                    "image folders " + train + " and " + test,
                    false);
        }
        Dataset all = readImages(dir, "imagefolder", classFolders(dir), reading);
        return new TrainTestData(all, all, "image folder " + dir, true);
    }

    private static List<String> classFolders(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetNotFoundException("cannot list " + dir + ": " + e, e);
        }
    }

    private static Dataset readImages(Path dir, String name, List<String> classes, Reading reading) {
        List<ImageFolder.Image> images = new ArrayList<>();
        for (String c : classFolders(dir)) {
            List<Path> files;
            try (var entries = Files.list(dir.resolve(c))) {
                files = entries.filter(Files::isRegularFile)
                        .filter(f ->
                                IMAGE_FILE.matcher(f.getFileName().toString()).matches())
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new DatasetNotFoundException("cannot list " + dir.resolve(c) + ": " + e, e);
            }
            reading.expect(files.toArray(Path[]::new));
            for (Path f : files) {
                images.add(new ImageFolder.Image(c, f.getFileName().toString(), readAll(f, reading)));
            }
        }
        return ImageFolder.read(name, classes, images, dir.toString());
    }

    private static final Pattern IMAGE_FILE = Pattern.compile("(?i).+\\.(png|jpe?g)");

    private static TrainTestData loadNpy(DatasetSpec.Npy spec, Reading reading) {
        reading.expect(spec.x(), spec.y());
        Dataset train = NpyDatasets.of("npy/train", npy(spec.x(), reading), npy(spec.y(), reading), 0);
        if (spec.testX().isEmpty()) {
            return new TrainTestData(train, train, "NumPy arrays " + spec.x() + ", " + spec.y(), true);
        }
        reading.expect(spec.testX().get(), spec.testY().orElseThrow());
        Dataset test = NpyDatasets.of(
                "npy/test", npy(spec.testX().get(), reading), npy(spec.testY().orElseThrow(), reading), 0);
        int classes = Math.max(train.classes(), test.classes());
        return new TrainTestData(
                withClasses(train, classes), withClasses(test, classes), "NumPy arrays " + spec.text(), false);
    }

    private static NpyArray npy(Path file, Reading reading) {
        return NpyArray.read(readAll(file, reading), file.toString());
    }

    /** {@code npz:FILE}: x_train, y_train and x_test, y_test, or x, y (then used for both, said so). */
    private static TrainTestData loadNpz(Path file, Reading reading) {
        reading.expect(file);
        Map<String, NpyArray> arrays = NpyDatasets.readNpz(readAll(file, reading), file.toString());
        if (arrays.containsKey("x_train") && arrays.containsKey("y_train")) {
            Dataset train = NpyDatasets.of("npz/train", arrays.get("x_train"), arrays.get("y_train"), 0);
            if (!(arrays.containsKey("x_test") && arrays.containsKey("y_test"))) {
                return new TrainTestData(train, train, "NumPy archive " + file, true);
            }
            Dataset test = NpyDatasets.of("npz/test", arrays.get("x_test"), arrays.get("y_test"), 0);
            int classes = Math.max(train.classes(), test.classes());
            return new TrainTestData(
                    withClasses(train, classes), withClasses(test, classes), "NumPy archive " + file, false);
        }
        if (arrays.containsKey("x") && arrays.containsKey("y")) {
            Dataset all = NpyDatasets.of("npz", arrays.get("x"), arrays.get("y"), 0);
            return new TrainTestData(all, all, "NumPy archive " + file, true);
        }
        throw new DatasetNotFoundException(
                file + " holds the arrays " + arrays.keySet() + "; name them x_train,"
                        + " y_train (and x_test, y_test) or x, y: numpy.savez(f, x_train=..., y_train=..., x_test=..., y_test=...)");
    }

    private static byte[] readAll(Path file, Reading reading) {
        try (InputStream in = reading.open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static Dataset withClasses(Dataset d, int classes) {
        return d.classes() == classes ? d : new Dataset(d.name(), d.sampleShape(), classes, d.features(), d.labels());
    }

    private static Dataset readCsv(Path file, String name, int classes, Reading reading) {
        try (InputStream in = reading.open(file)) {
            return CsvReader.read(name, in, file.toString(), classes);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DatasetNotFoundException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DatasetNotFoundException(file + " does not exist; check the path given to --dataset", e);
        }
        return new DatasetNotFoundException("cannot read " + file + ": " + e, e);
    }
}
