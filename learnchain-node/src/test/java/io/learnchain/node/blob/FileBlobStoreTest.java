package io.learnchain.node.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {
    @TempDir
    Path dir;

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storesBlobUnderItsHashAndReadsItBack() throws IOException {
        try (FileBlobStore store = FileBlobStore.open(dir, 1 << 20)) {
            Hash hash = store.put(text("weights"));
            assertThat(hash).isEqualTo(Hash.sha256(text("weights")));
            assertThat(store.pathOf(hash)).exists().hasFileName(hash.toHex());
            assertThat(store.get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(text("weights")));
            assertThat(store.contains(hash)).isTrue();
        }
    }

    @Test
    void leavesNoTemporaryFileAfterAtomicRename() throws IOException {
        try (FileBlobStore store = FileBlobStore.open(dir, 1 << 20)) {
            store.put(text("a"));
            store.put(text("a"));
            store.put(text("b"));
        }
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void discardsPartialTemporaryFileAtOpen() throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        Path partial =
                Files.writeString(dir.resolve("tmp").resolve("blob-123" + FileBlobStore.TMP_SUFFIX), "half a blo");
        try (FileBlobStore store = FileBlobStore.open(dir, 1 << 20)) {
            assertThat(partial).doesNotExist();
            assertThat(store.get(Hash.sha256(text("half a blo")))).isEmpty();
        }
    }

    @Test
    void reportsCorruptBlobAndNeverServesIt() throws IOException {
        try (FileBlobStore store = FileBlobStore.open(dir, 1 << 20)) {
            Hash hash = store.put(text("model weights v1"));
            Files.write(store.pathOf(hash), text("model weights v2"));
            assertThatThrownBy(() -> store.get(hash))
                    .isInstanceOf(CorruptBlobException.class)
                    .hasMessageContaining(hash.toHex())
                    .hasMessageContaining("reindex");
            assertThat(store.verifyAll()).containsExactly(hash);
        }
    }

    @Test
    void rejectsBlobOverTheLimitAndStoresNothing() throws IOException {
        try (FileBlobStore store = FileBlobStore.open(dir, 4)) {
            assertThatThrownBy(() -> store.put(text("12345"))).isInstanceOf(BlobTooLargeException.class);
            assertThat(store.contains(Hash.sha256(text("12345")))).isFalse();
            assertThat(store.put(text("1234"))).isEqualTo(Hash.sha256(text("1234")));
        }
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void survivesReopenWithSameContent() throws IOException {
        Hash hash;
        try (FileBlobStore store = FileBlobStore.open(dir, 1 << 20)) {
            hash = store.put(text("dataset"));
        }
        try (FileBlobStore store = FileBlobStore.open(dir, 1 << 20)) {
            assertThat(store.get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(text("dataset")));
            assertThat(store.verifyAll()).isEmpty();
            assertThat(store.delete(hash)).isTrue();
            assertThat(store.get(hash)).isEmpty();
        }
    }

    @Test
    void inMemoryTwinDetectsCorruptionToo() throws IOException {
        try (InMemoryBlobStore store = new InMemoryBlobStore(1 << 20)) {
            Hash hash = store.put(text("x"));
            store.corruptForTest(hash, text("y"));
            assertThatThrownBy(() -> store.get(hash)).isInstanceOf(CorruptBlobException.class);
            assertThat(store.verifyAll()).containsExactly(hash);
        }
    }
}
