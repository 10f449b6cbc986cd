package io.learnchain.learn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    private static final IdxFile IMAGES =
            new IdxFile(new int[] {2, 2, 3}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255});

    @Test
    void readsPlainIdxItWrote() {
        IdxFile read = IdxReader.read(IdxReader.encode(IMAGES), "t");
        assertThat(read).isEqualTo(IMAGES);
        assertThat(read.count()).isEqualTo(2);
        assertThat(read.itemSize()).isEqualTo(6);
        assertThat(read.unsigned(11)).isEqualTo(255);
    }

    @Test
    void readsGzipIdx() throws IOException {
        assertThat(IdxReader.read(gzip(IdxReader.encode(IMAGES)), "t.gz")).isEqualTo(IMAGES);
    }

    @Test
    void encodesTheMnistHeader() {
        byte[] bytes = IdxReader.encode(new IdxFile(new int[] {3}, new byte[] {7, 8, 9}));
        assertThat(bytes).containsExactly(0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 7, 12, 19})
    void rejectsTruncatedFileNamingTheSource(int cut) {
        byte[] whole = IdxReader.encode(IMAGES);
        byte[] truncated = Arrays.copyOf(whole, whole.length - cut);
        assertThatThrownBy(() -> IdxReader.read(truncated, "images.idx"))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageStartingWith("images.idx: ");
    }

    @Test
    void rejectsTruncatedGzip() throws IOException {
        byte[] gz = gzip(IdxReader.encode(IMAGES));
        byte[] truncated = Arrays.copyOf(gz, gz.length - 10);
        assertThatThrownBy(() -> IdxReader.read(truncated, "x.gz"))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageContaining("x.gz");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] whole = IdxReader.encode(IMAGES);
        assertThatThrownBy(() -> IdxReader.read(Arrays.copyOf(whole, whole.length + 1), "t"))
                .isInstanceOf(MalformedDatasetException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void rejectsWrongMagicAndTypes() {
        assertThatThrownBy(() -> IdxReader.read("hello,world".getBytes(), "a.csv"))
                .hasMessageContaining("not an IDX file");
        assertThatThrownBy(() -> IdxReader.read(new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0}, "f"))
                .hasMessageContaining("0x0d is not supported");
        assertThatThrownBy(() -> IdxReader.read(new byte[0], "f")).hasMessageContaining("empty");
    }

    @Test
    void rejectsHugeHeaderBeforeAllocating() {
        byte[] evil = {0, 0, 8, 3, 0x7f, 0, 0, 0, 0x7f, 0, 0, 0, 0x7f, 0, 0, 0};
        assertThatThrownBy(() -> IdxReader.read(evil, "evil")).hasMessageContaining("exceed the limit");
    }

    @Test
    void pairsImagesWithLabelsScaledToUnitRange() {
        IdxFile labels = new IdxFile(new int[] {2}, new byte[] {3, 9});
        Dataset d = IdxDatasets.fromImagesAndLabels("d", IMAGES, "i", labels, "l", 10);
        assertThat(d.sampleShape()).containsExactly(1, 2, 3);
        assertThat(d.labels()).containsExactly(3, 9);
        assertThat(d.features()[11]).isEqualTo(1f);
        assertThat(d.features()[1]).isEqualTo(1 / 255f);
    }

    @Test
    void rejectsMismatchedOrSwappedFiles() {
        IdxFile labels = new IdxFile(new int[] {3}, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> IdxDatasets.fromImagesAndLabels("d", IMAGES, "i", labels, "l", 10))
                .hasMessageContaining("3 labels but i holds 2 images");
        assertThatThrownBy(() -> IdxDatasets.fromImagesAndLabels("d", labels, "l", IMAGES, "i", 10))
                .hasMessageContaining("is this a label file?");
        IdxFile bad = new IdxFile(new int[] {2}, new byte[] {1, 12});
        assertThatThrownBy(() -> IdxDatasets.fromImagesAndLabels("d", IMAGES, "i", bad, "l", 10))
                .hasMessageContaining("label 12 of item 1");
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
