package io.learnchain.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyValueStoreTest {
    @TempDir
    static Path root;

    private static int counter;

    static Stream<Arguments> stores() {
        Supplier<KeyValueStore> rocks = () -> RocksDbKeyValueStore.open(root.resolve("db" + counter++));
        Supplier<KeyValueStore> memory = InMemoryKeyValueStore::new;
        return Stream.of(Arguments.of("rocksdb", rocks), Arguments.of("in-memory", memory));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void appliesWriteSetAndLaterWriteToSameKeyWins(String name, Supplier<KeyValueStore> factory) {
        try (KeyValueStore store = factory.get()) {
            store.write(new WriteSet()
                    .put(Column.META, b("k"), b("1"))
                    .put(Column.BLOCKS, b("k"), b("x"))
                    .put(Column.META, b("k"), b("2")));
            assertThat(store.get(Column.META, b("k")))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(b("2")));
            assertThat(store.get(Column.BLOCKS, b("k")))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(b("x")));
            store.write(new WriteSet().delete(Column.META, b("k")));
            assertThat(store.get(Column.META, b("k"))).isEmpty();
            assertThat(store.get(Column.ACCOUNTS, b("k"))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void scansPrefixInUnsignedKeyOrder(String name, Supplier<KeyValueStore> factory) {
        try (KeyValueStore store = factory.get()) {
            store.write(new WriteSet()
                    .put(Column.UNDO, new byte[] {1, (byte) 0xFF}, b("c"))
                    .put(Column.UNDO, new byte[] {1, 0x01}, b("a"))
                    .put(Column.UNDO, new byte[] {1, 0x7F}, b("b"))
                    .put(Column.UNDO, new byte[] {2, 0x00}, b("z"))
                    .put(Column.UNDO, new byte[] {0, 0x00}, b("y")));
            List<String> seen = new ArrayList<>();
            store.scan(Column.UNDO, new byte[] {1}, (k, v) -> seen.add(new String(v, StandardCharsets.UTF_8)));
            assertThat(seen).containsExactly("a", "b", "c");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void refusesCallsAfterClose(String name, Supplier<KeyValueStore> factory) {
        KeyValueStore store = factory.get();
        store.close();
        store.close();
        assertThatThrownBy(() -> store.get(Column.META, b("k")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void rocksDbKeepsWritesAcrossReopen() {
        Path path = root.resolve("reopen");
        try (KeyValueStore store = RocksDbKeyValueStore.open(path)) {
            store.write(new WriteSet().put(Column.CANONICAL, b("tip"), b("abc")));
        }
        try (KeyValueStore store = RocksDbKeyValueStore.open(path)) {
            assertThat(store.get(Column.CANONICAL, b("tip")))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(b("abc")));
        }
    }

    @Test
    void rocksDbRefusesToOpenDamagedDatabaseAndNamesTheFix() throws Exception {
        Path path = root.resolve("damaged");
        try (KeyValueStore store = RocksDbKeyValueStore.open(path)) {
            store.write(new WriteSet().put(Column.META, b("k"), b("v")));
        }
        Files.writeString(path.resolve("CURRENT"), "MANIFEST-999999\n");
        assertThatThrownBy(() -> RocksDbKeyValueStore.open(path))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("reindex");
    }

    @Test
    void rocksDbRefusesToStartFreshOverDataFilesWhenCurrentIsMissing() throws Exception {
        Path path = root.resolve("headless");
        try (KeyValueStore store = RocksDbKeyValueStore.open(path)) {
            store.write(new WriteSet().put(Column.META, b("k"), b("v")));
        }
        Files.delete(path.resolve("CURRENT"));
        assertThatThrownBy(() -> RocksDbKeyValueStore.open(path))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("CURRENT");
    }

    @Test
    void rocksDbRefusesSecondOpenWhileLocked() {
        Path path = root.resolve("locked");
        try (KeyValueStore store = RocksDbKeyValueStore.open(path)) {
            assertThatThrownBy(() -> RocksDbKeyValueStore.open(path))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("another");
        }
    }
}
