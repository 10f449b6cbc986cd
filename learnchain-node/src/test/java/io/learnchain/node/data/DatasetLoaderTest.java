package io.learnchain.node.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.data.IdxFile;
import io.learnchain.learn.data.IdxReader;
import io.learnchain.learn.data.MalformedDatasetException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void loadsBundledSubset() {
        TrainTestData d = new DatasetLoader(List.of()).load("fashion-mnist-small");
        assertThat(d.train().count()).isEqualTo(6000);
        assertThat(d.test().count()).isEqualTo(1000);
        assertThat(d.testIsTrain()).isFalse();
    }

    @Test
    void loadsFashionMnistFolderWithGzipAndPlainFiles() throws IOException {
        Path dir = writeMnistLayout(tmp.resolve("fm"), 3, 2);
        TrainTestData d = new DatasetLoader(List.of()).load("fashion-mnist:" + dir);
        assertThat(d.train().count()).isEqualTo(3);
        assertThat(d.test().count()).isEqualTo(2);
        assertThat(d.train().sampleShape()).containsExactly(1, 28, 28);
        assertThat(d.train().labels()).containsExactly(0, 1, 2);
    }

    @Test
    void searchesRootsInOrder() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path dir = writeMnistLayout(tmp.resolve("second"), 4, 1);
        DatasetLoader loader = new DatasetLoader(List.of(empty, dir));
        assertThat(loader.findFashionMnist()).isEqualTo(dir);
        assertThat(loader.load("fashion-mnist").train().count()).isEqualTo(4);
    }

    @Test
    void standardSearchUsesEnvironmentAndHome() throws IOException {
        Path home = tmp.resolve("home");
        writeMnistLayout(home.resolve(".learnchain/datasets/fashion-mnist"), 2, 2);
        Path custom = tmp.resolve("custom");
        writeMnistLayout(custom.resolve("fashion-mnist"), 5, 2);
        DatasetLoader loader = DatasetLoader.standard(Map.of("LEARNCHAIN_DATASETS", custom.toString()), home);
        Path found = loader.findFashionMnist();
        if (!found.equals(DatasetLoader.DEBIAN_FASHION_MNIST)) {
            assertThat(found).isEqualTo(custom.resolve("fashion-mnist"));
        }
        assertThat(DatasetLoader.standard(Map.of(), home).findFashionMnist())
                .isIn(DatasetLoader.DEBIAN_FASHION_MNIST, home.resolve(".learnchain/datasets/fashion-mnist"));
    }

    @Test
    void saysHowToGetFashionMnistWhenNotFound() {
        DatasetLoader loader = new DatasetLoader(List.of(tmp.resolve("nowhere")));
        assertThatThrownBy(() -> loader.load("fashion-mnist"))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("Install the Debian package dataset-fashion-mnist")
                .hasMessageContaining("--dataset fashion-mnist:DIR");
    }

    @Test
    void namesMissingFilesOfAFolder() throws IOException {
        Path dir = writeMnistLayout(tmp.resolve("fm"), 3, 2);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> new DatasetLoader(List.of()).load("fashion-mnist:" + dir))
                .hasMessageContaining("lacks t10k-labels-idx1-ubyte");
    }

    @Test
    void namesTruncatedFileAndProblem() throws IOException {
        Path dir = writeMnistLayout(tmp.resolve("fm"), 3, 2);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> new DatasetLoader(List.of()).load("fashion-mnist:" + dir))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageStartingWith(images + ": truncated");
    }

    @Test
    void loadsCsvWithAndWithoutTestFile() throws IOException {
        Path train = Files.writeString(tmp.resolve("train.csv"), "y,a,b\n0,1,2\n1,3,4\n");
        Path test = Files.writeString(tmp.resolve("test.csv"), "2,5,6\n");
        TrainTestData alone = new DatasetLoader(List.of()).load("csv:" + train);
        assertThat(alone.testIsTrain()).isTrue();
        assertThat(alone.train().sampleShape()).containsExactly(2);
        TrainTestData both = new DatasetLoader(List.of()).load("csv:" + train + "," + test);
        assertThat(both.train().classes()).isEqualTo(3);
        assertThat(both.test().labels()).containsExactly(2);
    }

    @Test
    void reportsTheBytesReadUpToTheFilesTotal() throws IOException {
        Path train = Files.writeString(tmp.resolve("train.csv"), "y,a,b\n0,1,2\n1,3,4\n");
        Path test = Files.writeString(tmp.resolve("test.csv"), "2,5,6\n");
        List<long[]> reports = new ArrayList<>();
        new DatasetLoader(List.of())
                .load("csv:" + train + "," + test, (read, total) -> reports.add(new long[] {read, total}));
        long size = Files.size(train) + Files.size(test);
        assertThat(reports).isNotEmpty();
        assertThat(reports.getLast()).containsExactly(size, size);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)[0]).isGreaterThan(reports.get(i - 1)[0]);
        }
    }

    @Test
    void rejectsMissingCsvAndUnknownSpecs() {
        assertThatThrownBy(() -> new DatasetLoader(List.of()).load("csv:" + tmp.resolve("no.csv")))
                .hasMessageContaining("no.csv does not exist");
        assertThatThrownBy(() -> new DatasetLoader(List.of()).load("mnist"))
                .hasMessageContaining("unknown --dataset 'mnist'");
    }

    @Test
    void findsTheInstalledDebianPackageWhenPresent() {
        Assumptions.assumeTrue(
                Files.isDirectory(DatasetLoader.DEBIAN_FASHION_MNIST), "dataset-fashion-mnist not installed");
        TrainTestData full = DatasetLoader.standard(Map.of(), tmp).load("fashion-mnist");
        assertThat(full.train().count()).isEqualTo(60000);
        assertThat(full.test().count()).isEqualTo(10000);
    }

    /** Train images gzip, the rest plain, to cover both. */
    static Path writeMnistLayout(Path dir, int trainCount, int testCount) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxReader.encode(images(trainCount)));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(IdxReader.encode(labels(trainCount))));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(IdxReader.encode(images(testCount))));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(IdxReader.encode(labels(testCount))));
        return dir;
    }

    private static IdxFile images(int n) {
        byte[] data = new byte[n * 28 * 28];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        return new IdxFile(new int[] {n, 28, 28}, data);
    }

    private static IdxFile labels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 10);
        }
        return new IdxFile(new int[] {n}, data);
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
