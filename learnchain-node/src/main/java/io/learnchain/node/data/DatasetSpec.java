package io.learnchain.node.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Which data set a command works on, as the user names it with {@code --dataset}: a closed set of
 * kinds, parsed by {@link #parse}.
 * <ul>
 *   <li>{@code fashion-mnist-small}: the subset bundled in the jar;</li>
 *   <li>{@code fashion-mnist}: the full set, searched for on disk;</li>
 *   <li>{@code fashion-mnist:DIR}: the four MNIST-layout IDX files in DIR (gzip or plain);</li>
 *   <li>{@code csv:FILE} or {@code csv:TRAIN,TEST}: CSV with the label in the first column;</li>
 *   <li>{@code imagefolder:DIR}: PNG/JPEG images in one sub-folder per class (torchvision's
 *       ImageFolder layout), or DIR/train and DIR/test each laid out so;</li>
 *   <li>{@code npy:X.npy,Y.npy} or {@code npy:XTRAIN,YTRAIN,XTEST,YTEST}: NumPy arrays;</li>
 *   <li>{@code npz:FILE}: a NumPy archive with x_train, y_train (and x_test, y_test), or x, y.</li>
 * </ul>
 */
public sealed interface DatasetSpec {

    /** The text form, as {@link #parse} reads it. */
    String text();

    record Bundled() implements DatasetSpec {
        @Override
        public String text() {
            return "fashion-mnist-small";
        }
    }

    record FashionMnistSearch() implements DatasetSpec {
        @Override
        public String text() {
            return "fashion-mnist";
        }
    }

    record FashionMnistDir(Path dir) implements DatasetSpec {
        public FashionMnistDir {
            Objects.requireNonNull(dir, "dir");
        }

        @Override
        public String text() {
            return "fashion-mnist:" + dir;
        }
    }

    /** CSV files; without a test file the training file also serves as test set (and says so). */
    record Csv(Path train, Optional<Path> test) implements DatasetSpec {
        public Csv {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }

        @Override
        public String text() {
            return "csv:" + train + test.map(t -> "," + t).orElse("");
        }
    }

    /** Images in class folders; DIR/train and DIR/test when both are there. */
    record ImageFolderDir(Path dir) implements DatasetSpec {
        public ImageFolderDir {
            Objects.requireNonNull(dir, "dir");
        }

        @Override
        public String text() {
            return "imagefolder:" + dir;
        }
    }

    /** NumPy arrays: features and labels for training, and optionally for testing. */
    record Npy(Path x, Path y, Optional<Path> testX, Optional<Path> testY) implements DatasetSpec {
        public Npy {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (testX.isPresent() != testY.isPresent()) {
                throw new IllegalArgumentException("test features and labels come together");
            }
        }

        @Override
        public String text() {
            return "npy:" + x + "," + y
                    + testX.map(t -> "," + t + "," + testY.orElseThrow()).orElse("");
        }
    }

    /** A NumPy .npz archive. */
    record Npz(Path file) implements DatasetSpec {
        public Npz {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String text() {
            return "npz:" + file;
        }
    }

    static DatasetSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.equals("fashion-mnist-small")) {
            return new Bundled();
        }
        if (t.equals("fashion-mnist")) {
            return new FashionMnistSearch();
        }
        if (t.startsWith("fashion-mnist:") && t.length() > "fashion-mnist:".length()) {
            return new FashionMnistDir(Path.of(t.substring("fashion-mnist:".length())));
        }
        if (t.startsWith("csv:") && t.length() > "csv:".length()) {
            String files = t.substring("csv:".length());
            int comma = files.indexOf(',');
            if (comma < 0) {
                return new Csv(Path.of(files), Optional.empty());
            }
            if (comma == 0 || comma == files.length() - 1) {
                throw new IllegalArgumentException(
                        "--dataset '" + text + "': write csv:TRAIN.csv,TEST.csv with both files named");
            }
            return new Csv(Path.of(files.substring(0, comma)), Optional.of(Path.of(files.substring(comma + 1))));
        }
        if (t.startsWith("imagefolder:") && t.length() > "imagefolder:".length()) {
            return new ImageFolderDir(Path.of(t.substring("imagefolder:".length())));
        }
        if (t.startsWith("npz:") && t.length() > "npz:".length()) {
            return new Npz(Path.of(t.substring("npz:".length())));
        }
        if (t.startsWith("npy:")) {
            String[] files = t.substring("npy:".length()).split(",", -1);
            boolean named = Arrays.stream(files).noneMatch(String::isBlank);
            if (named && files.length == 2) {
                return new Npy(Path.of(files[0]), Path.of(files[1]), Optional.empty(), Optional.empty());
            }
            if (named && files.length == 4) {
                return new Npy(
                        Path.of(files[0]),
                        Path.of(files[1]),
                        Optional.of(Path.of(files[2])),
                        Optional.of(Path.of(files[3])));
            }
            throw new IllegalArgumentException("--dataset '" + text + "': write npy:X.npy,Y.npy (features, labels)"
                    + " or npy:XTRAIN.npy,YTRAIN.npy,XTEST.npy,YTEST.npy");
        }
        throw new IllegalArgumentException("unknown --dataset '" + text + "': use fashion-mnist-small (bundled), "
                + "fashion-mnist (found on disk), fashion-mnist:DIR (the four IDX files in DIR), "
                + "csv:FILE or csv:TRAIN,TEST (label in the first column), imagefolder:DIR (one sub-folder of"
                + " PNG/JPEG images per class), npy:X.npy,Y.npy or npz:FILE (NumPy arrays)");
    }
}
