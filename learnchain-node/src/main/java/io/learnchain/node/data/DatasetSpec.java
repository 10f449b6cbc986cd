package io.learnchain.node.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which data set a command works on, as the user names it with {@code --dataset}: a closed set of
 * kinds, parsed by {@link #parse}.
 * <ul>
 *   <li>{@code fashion-mnist-small}: the subset bundled in the jar;</li>
 *   <li>{@code fashion-mnist}: the full set, searched for on disk;</li>
 *   <li>{@code fashion-mnist:DIR}: the four MNIST-layout IDX files in DIR (gzip or plain);</li>
 *   <li>{@code csv:FILE} or {@code csv:TRAIN,TEST}: CSV with the label in the first column.</li>
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
        throw new IllegalArgumentException("unknown --dataset '" + text + "': use fashion-mnist-small (bundled), "
                + "fashion-mnist (found on disk), fashion-mnist:DIR (the four IDX files in DIR), "
                + "csv:FILE or csv:TRAIN,TEST (label in the first column)");
    }
}
