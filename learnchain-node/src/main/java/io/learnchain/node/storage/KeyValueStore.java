package io.learnchain.node.storage;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The byte-level port under the chain store: columns of sorted keys, and atomic, durable write
 * sets. {@link RocksDbKeyValueStore} is the real one, {@link InMemoryKeyValueStore} its twin.
 * Failures are {@link StorageException}s: a local fault, never a verdict on a block.
 */
public interface KeyValueStore extends AutoCloseable {

    Optional<byte[]> get(Column column, byte[] key);

    /** Applies every write of {@code writes} or none, and returns only once they are durable. */
    void write(WriteSet writes);

    /** Visits every entry of {@code column} whose key starts with {@code prefix}, in unsigned key order. */
    void scan(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor);

    /** Where the data lives, for messages ("in-memory" for the twin). */
    String location();

    @Override
    void close();
}
