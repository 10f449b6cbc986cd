package io.learnchain.node.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Writes that a {@link KeyValueStore} applies all together or not at all. Not thread-safe. */
public final class WriteSet {

    /** One write of the set. */
    public sealed interface Op permits Put, Delete {
        Column column();

        byte[] key();
    }

    public record Put(Column column, byte[] key, byte[] value) implements Op {
        public Put {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public record Delete(Column column, byte[] key) implements Op {
        public Delete {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(key, "key");
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public WriteSet put(Column column, byte[] key, byte[] value) {
        ops.add(new Put(column, key.clone(), value.clone()));
        return this;
    }

    public WriteSet delete(Column column, byte[] key) {
        ops.add(new Delete(column, key.clone()));
        return this;
    }

    /** The writes in the order they were added (a later write to the same key wins). */
    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public int size() {
        return ops.size();
    }
}
