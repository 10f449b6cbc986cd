package io.learnchain.chain.state;

import io.learnchain.base.Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Changes on top of a {@link WorldState} while a block is applied: reads see earlier writes,
 * {@link #commit()} folds them in address order into a new state. Not thread-safe; one per block.
 */
public final class StateDelta {
    private final WorldState base;
    private final TreeMap<Address, Account> changes = new TreeMap<>();
    private final TreeMap<Long, TaskState> taskChanges = new TreeMap<>();
    private long nextTaskId;
    private LifelongBook lifelong;

    public StateDelta(WorldState base) {
        this.base = base;
        this.nextTaskId = base.tasks().nextId();
        this.lifelong = base.lifelong();
    }

    /** The lifelong registry as changed so far in this block. */
    public LifelongBook lifelong() {
        return lifelong;
    }

    public void putLifelong(LifelongBook book) {
        this.lifelong = Objects.requireNonNull(book, "book");
    }

    public Optional<TaskState> task(long id) {
        TaskState changed = taskChanges.get(id);
        return changed != null ? Optional.of(changed) : base.tasks().get(id);
    }

    public void putTask(TaskState task) {
        taskChanges.put(task.id(), task);
    }

    /** The tasks (as changed so far in this block) that hold won rounds' payouts, by id. */
    public List<TaskState> tasksWithHeld() {
        TreeMap<Long, TaskState> all = new TreeMap<>();
        for (TaskState t : base.tasks().all()) {
            all.put(t.id(), t);
        }
        all.putAll(taskChanges);
        return all.values().stream().filter(t -> !t.held().isEmpty()).toList();
    }

    /** Hands out the next task id. */
    public long allocateTaskId() {
        return nextTaskId++;
    }

    public Account account(Address address) {
        Account changed = changes.get(address);
        return changed != null ? changed : base.account(address);
    }

    public void put(Address address, Account account) {
        changes.put(address, account);
    }

    public int changedAccounts() {
        return changes.size();
    }

    public WorldState commit() {
        return base.withAll(changes)
                .withTasks(base.tasks().with(taskChanges, nextTaskId))
                .withLifelong(lifelong);
    }
}
