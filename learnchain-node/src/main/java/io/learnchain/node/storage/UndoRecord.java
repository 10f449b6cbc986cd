package io.learnchain.node.storage;

import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a block changed in the tip state, as the values before it: applying the record in reverse
 * restores the state of the block's parent. Stored per block, used on reorganisations.
 *
 * <p>{@code changes} are account keys; {@code taskChanges} are task keys (8-byte big-endian ids)
 * with the stored task record before the block, and {@code taskNextIdBefore} is the task book's
 * next id before the block ({@link #NO_TASKS} when the block touched no task). Encoding version 1
 * (accounts only) is written when the block touched no task, so ledger-only chains keep their
 * bytes; version 2 appends the task part.
 */
public record UndoRecord(List<Change> changes, List<Change> taskChanges, long taskNextIdBefore) {
    /** {@link #taskNextIdBefore} of a block that changed no task. */
    public static final long NO_TASKS = 0;

    private static final int VERSION = 1;
    private static final int VERSION_WITH_TASKS = 2;
    private static final int MAX_CHANGES = 1 << 20;
    private static final int MAX_VALUE_BYTES = 1 << 16;
    private static final int MAX_TASK_BYTES = 1 << 22;

    /** One key and its value before the block (empty: the key did not exist). */
    public record Change(Bytes key, Optional<Bytes> before) {
        public Change {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(before, "before");
        }
    }

    public UndoRecord {
        changes = List.copyOf(changes);
        taskChanges = List.copyOf(taskChanges);
        if (taskNextIdBefore < 0 || (taskNextIdBefore == NO_TASKS && !taskChanges.isEmpty())) {
            throw new IllegalArgumentException("an undo record with task changes needs the next task id before the "
                    + "block (>= 1), got " + taskNextIdBefore);
        }
    }

    /** An account-only record (a block that touched no task). */
    public UndoRecord(List<Change> changes) {
        this(changes, List.of(), NO_TASKS);
    }

    public boolean touchesTasks() {
        return taskNextIdBefore != NO_TASKS;
    }

    byte[] encode() {
        CanonicalWriter out = new CanonicalWriter().u8(touchesTasks() ? VERSION_WITH_TASKS : VERSION);
        writeChanges(out, changes);
        if (touchesTasks()) {
            out.i64(taskNextIdBefore);
            writeChanges(out, taskChanges);
        }
        return out.toByteArray();
    }

    private static void writeChanges(CanonicalWriter out, List<Change> list) {
        out.list(list, (c, w) -> {
            w.bytes(c.key());
            w.bool(c.before().isPresent());
            c.before().ifPresent(w::bytes);
        });
    }

    static UndoRecord decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        int version = in.u8();
        if (version != VERSION && version != VERSION_WITH_TASKS) {
            throw new CodecException("unsupported undo record version " + version + " (this node reads 1 and 2)");
        }
        List<Change> changes = readChanges(in, MAX_VALUE_BYTES);
        if (version == VERSION) {
            in.expectEnd();
            return new UndoRecord(changes);
        }
        long nextId = in.i64();
        List<Change> tasks = readChanges(in, MAX_TASK_BYTES);
        in.expectEnd();
        if (nextId < 1) {
            throw new CodecException("a version 2 undo record needs a next task id >= 1, got " + nextId);
        }
        return new UndoRecord(changes, tasks, nextId);
    }

    private static List<Change> readChanges(CanonicalReader in, int maxValueBytes) {
        return in.list(MAX_CHANGES, 5, r -> {
            Bytes key = r.bytesValue(MAX_VALUE_BYTES);
            Optional<Bytes> before = r.bool() ? Optional.of(r.bytesValue(maxValueBytes)) : Optional.empty();
            return new Change(key, before);
        });
    }
}
