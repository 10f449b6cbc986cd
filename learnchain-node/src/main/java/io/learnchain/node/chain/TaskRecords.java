package io.learnchain.node.chain;

import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.chain.state.TaskBook;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.WorldState;
import io.learnchain.node.storage.ChainUpdate;
import io.learnchain.node.storage.UndoRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the chain store keeps the pole task book: key = the task id as 8 big-endian bytes, value =
 * the task state's canonical bytes (which start with their own version byte); the next id sits in
 * the meta column. Tasks are never deleted by the chain, but a reorganisation can undo a posting.
 */
final class TaskRecords {
    private TaskRecords() {}

    static Bytes key(long id) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(id).array());
    }

    static long id(Bytes key) {
        if (key.length() != 8) {
            throw new IllegalArgumentException("a task key has 8 bytes, got " + key.length());
        }
        return ByteBuffer.wrap(key.unsafeArray()).getLong();
    }

    /** Decodes a stored task; throws {@link io.learnchain.base.codec.CodecException} on damaged bytes. */
    static TaskState decode(byte[] value) {
        CanonicalReader in = new CanonicalReader(value);
        TaskState task = TaskState.read(in);
        in.expectEnd();
        return task;
    }

    /** Ids of tasks that differ between {@code before} and {@code after} (added, changed or gone), in id order. */
    static List<Long> changedIds(TaskBook before, TaskBook after) {
        TreeMap<Long, Boolean> ids = new TreeMap<>();
        for (TaskState t : after.all()) {
            if (!before.get(t.id()).map(t::equals).orElse(false)) {
                ids.put(t.id(), true);
            }
        }
        for (TaskState t : before.all()) {
            if (after.get(t.id()).isEmpty()) {
                ids.put(t.id(), true);
            }
        }
        return new ArrayList<>(ids.keySet());
    }

    /** The task part of a block's undo record: the changed tasks as they were before it. */
    static UndoRecord withTaskUndo(List<UndoRecord.Change> accountChanges, WorldState before, WorldState after) {
        List<Long> ids = changedIds(before.tasks(), after.tasks());
        if (ids.isEmpty() && before.tasks().nextId() == after.tasks().nextId()) {
            return new UndoRecord(accountChanges);
        }
        List<UndoRecord.Change> changes = new ArrayList<>(ids.size());
        for (long id : ids) {
            changes.add(
                    new UndoRecord.Change(key(id), before.tasks().get(id).map(t -> Bytes.wrap(t.canonicalBytes()))));
        }
        return new UndoRecord(accountChanges, changes, before.tasks().nextId());
    }

    /** Writes the task records and next id so that the store holds {@code after}'s task book, given it held {@code before}'s. */
    static void writeTasks(ChainUpdate update, WorldState before, WorldState after) {
        TaskBook old = before.tasks();
        TaskBook now = after.tasks();
        for (long id : changedIds(old, now)) {
            Optional<TaskState> t = now.get(id);
            if (t.isPresent()) {
                update.putTask(id, t.get().canonicalBytes());
            } else {
                update.deleteTask(id);
            }
        }
        if (now.isPristine()) {
            if (!old.isPristine()) {
                update.clearTaskNextId();
            }
        } else if (old.nextId() != now.nextId() || old.isPristine()) {
            update.setTaskNextId(now.nextId());
        }
    }

    /** Applies the task part of {@code undo} in reverse to {@code tasks} (by id) and returns the next id before the block. */
    static long undo(Map<Long, TaskState> tasks, UndoRecord undo, long nextIdNow) {
        if (!undo.touchesTasks()) {
            return nextIdNow;
        }
        for (UndoRecord.Change change : undo.taskChanges().reversed()) {
            long id = id(change.key());
            if (change.before().isPresent()) {
                tasks.put(id, decode(change.before().get().unsafeArray()));
            } else {
                tasks.remove(id);
            }
        }
        return undo.taskNextIdBefore();
    }

    static TaskBook book(Map<Long, TaskState> tasks, long nextId) {
        Objects.requireNonNull(tasks, "tasks");
        return TaskBook.of(tasks.values(), nextId);
    }
}
