package io.learnchain.chain.state;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.merkle.MerkleRoot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every task ever posted, by id, and the next id to hand out (ids count from 1 in posting order).
 * Immutable; a change copies the map (tasks number in the tens, not millions). Its root is
 * SHA-256(0x05 || u64 nextId || RFC 6962 root over the task state hashes in id order).
 */
public final class TaskBook {
    public static final TaskBook EMPTY = new TaskBook(new TreeMap<>(), 1);

    private final SortedMap<Long, TaskState> tasks;
    private final long nextId;

    private TaskBook(SortedMap<Long, TaskState> tasks, long nextId) {
        this.tasks = Collections.unmodifiableSortedMap(tasks);
        this.nextId = nextId;
    }

    public static TaskBook of(Collection<TaskState> tasks, long nextId) {
        TreeMap<Long, TaskState> map = new TreeMap<>();
        for (TaskState t : tasks) {
            if (t.id() >= nextId || map.put(t.id(), t) != null) {
                throw new IllegalArgumentException(
                        "task " + t.id() + " is repeated or not below the next id " + nextId);
            }
        }
        return new TaskBook(map, nextId);
    }

    /** True before the first task is posted: the world state root is then the account root alone. */
    public boolean isPristine() {
        return nextId == 1 && tasks.isEmpty();
    }

    public long nextId() {
        return nextId;
    }

    public Optional<TaskState> get(long id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** All tasks in id order. */
    public List<TaskState> all() {
        return new ArrayList<>(tasks.values());
    }

    /** This book with {@code changed} tasks replaced or added and the next id set to {@code newNextId}. */
    public TaskBook with(Map<Long, TaskState> changed, long newNextId) {
        if (changed.isEmpty() && newNextId == nextId) {
            return this;
        }
        TreeMap<Long, TaskState> copy = new TreeMap<>(tasks);
        copy.putAll(changed);
        return new TaskBook(copy, newNextId);
    }

    public Hash root() {
        List<Hash> hashes = new ArrayList<>(tasks.size());
        for (TaskState t : tasks.values()) {
            hashes.add(t.hash());
        }
        CanonicalWriter out = new CanonicalWriter(41);
        out.u8(0x05).i64(nextId).hash(MerkleRoot.of(hashes));
        return Hash.sha256(out.toByteArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskBook b && nextId == b.nextId && tasks.equals(b.tasks);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nextId) * 31 + tasks.hashCode();
    }
}
