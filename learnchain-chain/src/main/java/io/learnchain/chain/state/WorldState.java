package io.learnchain.chain.state;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.BiConsumer;

/**
 * The immutable state of every account, ordered by address. Deriving a new state copies
 * O(changes x log accounts) nodes and shares the rest, so a block of a few hundred transactions
 * costs microseconds, and the old state stays valid (fork handling keeps both).
 *
 * <p>State root: the hash of a Merkle treap over the accounts (see {@link StateTreap}), a function
 * of the account set alone; the empty state's root is 32 zero bytes.
 */
public final class WorldState {
    private static final WorldState EMPTY = new WorldState(null, TaskBook.EMPTY, LifelongBook.EMPTY);

    private final StateTreap root;
    private final TaskBook tasks;
    private final LifelongBook lifelong;

    private WorldState(StateTreap root, TaskBook tasks, LifelongBook lifelong) {
        this.root = root;
        this.tasks = tasks;
        this.lifelong = lifelong;
    }

    public static WorldState empty() {
        return EMPTY;
    }

    public static WorldState of(Map<Address, Account> accounts) {
        return EMPTY.withAll(accounts);
    }

    /** The account at {@code address}, or {@link Account#EMPTY} if it has never been touched. */
    public Account account(Address address) {
        Account a = StateTreap.get(root, address);
        return a == null ? Account.EMPTY : a;
    }

    public boolean contains(Address address) {
        return StateTreap.get(root, address) != null;
    }

    public Amount balance(Address address) {
        return account(address).balance();
    }

    public WorldState with(Address address, Account account) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(account, "account");
        StateTreap next = StateTreap.put(root, address, account);
        return next == root ? this : new WorldState(next, tasks, lifelong);
    }

    /** All changes at once; the result does not depend on the map's iteration order. */
    public WorldState withAll(Map<Address, Account> changes) {
        StateTreap next = root;
        Iterable<Map.Entry<Address, Account>> entries =
                changes instanceof SortedMap<Address, Account> sorted ? sorted.entrySet() : changes.entrySet();
        for (Map.Entry<Address, Account> e : entries) {
            next = StateTreap.put(next, Objects.requireNonNull(e.getKey()), Objects.requireNonNull(e.getValue()));
        }
        return next == root ? this : new WorldState(next, tasks, lifelong);
    }

    /**
     * The state root: the account treap's root while no task was ever posted (so ledger-only
     * chains keep their roots), afterwards SHA-256(0x04 || account root || {@link TaskBook#root()}).
     * Once a lifelong model was deployed: SHA-256(0x06 || that root || {@link LifelongBook#root()}).
     */
    public Hash root() {
        Hash accounts = StateTreap.hash(root);
        Hash withTasks = tasks.isPristine()
                ? accounts
                : Hash.sha256(
                        new byte[] {0x04}, accounts.unsafeArray(), tasks.root().unsafeArray());
        if (lifelong.isEmpty()) {
            return withTasks;
        }
        return Hash.sha256(
                new byte[] {0x06}, withTasks.unsafeArray(), lifelong.root().unsafeArray());
    }

    /** The root over the accounts alone. */
    public Hash accountsRoot() {
        return StateTreap.hash(root);
    }

    public TaskBook tasks() {
        return tasks;
    }

    public WorldState withTasks(TaskBook newTasks) {
        Objects.requireNonNull(newTasks, "newTasks");
        return newTasks.equals(tasks) ? this : new WorldState(root, newTasks, lifelong);
    }

    /** The lifelong models and badges (PROTOCOL.md 5). */
    public LifelongBook lifelong() {
        return lifelong;
    }

    public WorldState withLifelong(LifelongBook book) {
        Objects.requireNonNull(book, "book");
        return book.equals(lifelong) ? this : new WorldState(root, tasks, book);
    }

    /** The sum of every task's escrow (checked): with {@link #totalSupply()}, what the chain holds. */
    public Amount totalEscrow() {
        Amount sum = Amount.ZERO;
        for (TaskState t : tasks.all()) {
            sum = sum.add(t.escrow());
        }
        return sum;
    }

    /** The sum of every task's held payouts (won rounds still in their fraud window). */
    public Amount totalHeld() {
        Amount sum = Amount.ZERO;
        for (TaskState t : tasks.all()) {
            sum = sum.add(t.heldTotal());
        }
        return sum;
    }

    /** The sum of every task's burned amount (forfeits, penalties and refuted payouts). */
    public Amount totalBurned() {
        Amount sum = Amount.ZERO;
        for (TaskState t : tasks.all()) {
            sum = sum.add(t.burned());
        }
        return sum;
    }

    public int size() {
        return StateTreap.size(root);
    }

    /** Visits every account in address order. */
    public void forEach(BiConsumer<Address, Account> action) {
        StateTreap.forEach(root, action);
    }

    public List<Map.Entry<Address, Account>> entries() {
        List<Map.Entry<Address, Account>> out = new ArrayList<>(size());
        forEach((a, acc) -> out.add(Map.entry(a, acc)));
        return out;
    }

    /** The sum of all balances (checked), for supply invariants. */
    public Amount totalSupply() {
        Amount[] sum = {Amount.ZERO};
        forEach((a, acc) -> sum[0] = sum[0].add(acc.balance()));
        return sum[0];
    }

    /** Depth of the underlying tree (tests and metrics: stays near 2-3 x log2(size)). */
    public int depth() {
        return StateTreap.depth(root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorldState other && root().equals(other.root());
    }

    @Override
    public int hashCode() {
        return root().hashCode();
    }

    @Override
    public String toString() {
        return "WorldState[" + size() + " accounts, " + tasks.all().size() + " tasks, root " + root().shortHex() + "]";
    }
}
