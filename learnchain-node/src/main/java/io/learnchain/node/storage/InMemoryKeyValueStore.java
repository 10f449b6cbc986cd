package io.learnchain.node.storage;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** The in-memory twin of {@link RocksDbKeyValueStore}: same ordering, atomic write sets. Thread-safe. */
public final class InMemoryKeyValueStore implements KeyValueStore {
    private final Map<Column, NavigableMap<byte[], byte[]>> columns = new EnumMap<>(Column.class);
    private boolean closed;

    public InMemoryKeyValueStore() {
        for (Column column : Column.values()) {
            columns.put(column, new TreeMap<>(Arrays::compareUnsigned));
        }
    }

    @Override
    public synchronized Optional<byte[]> get(Column column, byte[] key) {
        checkOpen();
        byte[] value = columns.get(column).get(key);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    @Override
    public synchronized void write(WriteSet writes) {
        checkOpen();
        for (WriteSet.Op op : writes.ops()) {
            NavigableMap<byte[], byte[]> column = columns.get(op.column());
            switch (op) {
                case WriteSet.Put put ->
                    column.put(put.key().clone(), put.value().clone());
                case WriteSet.Delete delete -> column.remove(delete.key());
            }
        }
    }

    @Override
    public synchronized void scan(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        checkOpen();
        for (Map.Entry<byte[], byte[]> e :
                columns.get(column).tailMap(prefix, true).entrySet()) {
            if (!startsWith(e.getKey(), prefix)) {
                break;
            }
            visitor.accept(e.getKey().clone(), e.getValue().clone());
        }
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("the in-memory store is closed");
        }
    }

    @Override
    public String location() {
        return "in-memory";
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
