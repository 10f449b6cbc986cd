package io.learnchain.chain.state;

import io.learnchain.base.Address;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Snapshot encoding of a whole state, version 1: u8 version, u32 count, then per account in
 * strictly increasing address order: address(20), i64 balance, i64 nonce, i64 reputation.
 * Decoding rejects unsorted or repeated addresses, so a snapshot has exactly one encoding.
 * Version 2 (written once a task was ever posted) appends i64 next task id, u32 count and the
 * task states in increasing id order (see {@link TaskState#write}). Version 3 (written once a
 * lifelong model was deployed) is version 2 (the task list may then be empty) followed by the
 * lifelong registry ({@link LifelongBook#write}).
 */
public final class WorldStateCodec implements Codec<WorldState> {
    public static final WorldStateCodec INSTANCE = new WorldStateCodec();
    public static final int VERSION = 1;
    public static final int VERSION_WITH_TASKS = 2;
    public static final int VERSION_WITH_LIFELONG = 3;
    public static final int MAX_TASKS = 1_000_000;
    public static final int MAX_ACCOUNTS = 50_000_000;
    private static final int ENTRY_BYTES = Address.LENGTH + 24;

    private WorldStateCodec() {}

    @Override
    public void write(WorldState state, CanonicalWriter out) {
        boolean withLifelong = !state.lifelong().isEmpty();
        boolean withTasks = withLifelong || !state.tasks().isPristine();
        out.u8(withLifelong ? VERSION_WITH_LIFELONG : withTasks ? VERSION_WITH_TASKS : VERSION)
                .i32(state.size());
        state.forEach((address, account) -> out.address(address)
                .amount(account.balance())
                .i64(account.nonce())
                .i64(account.reputation()));
        if (withTasks) {
            out.i64(state.tasks().nextId()).list(state.tasks().all(), (t, w) -> t.write(w));
        }
        if (withLifelong) {
            state.lifelong().write(out);
        }
    }

    @Override
    public WorldState read(CanonicalReader in) {
        int version = in.u8();
        if (version != VERSION && version != VERSION_WITH_TASKS && version != VERSION_WITH_LIFELONG) {
            throw new CodecException("unsupported world state encoding version " + version
                    + " (this node reads versions 1 to 3; upgrade if the peer is newer)");
        }
        var entries = in.list(MAX_ACCOUNTS, ENTRY_BYTES, r -> {
            Address address = r.address();
            Account account =
                    r.guard(() -> new Account(r.amount(), r.nonNegativeLong("nonce"), r.nonNegativeLong("reputation")));
            return Map.entry(address, account);
        });
        TreeMap<Address, Account> sorted = new TreeMap<>();
        Address previous = null;
        for (var e : entries) {
            if (previous != null && previous.compareTo(e.getKey()) >= 0) {
                throw new CodecException("world state accounts must be in strictly increasing address order, "
                        + e.getKey() + " follows " + previous);
            }
            previous = e.getKey();
            sorted.put(e.getKey(), e.getValue());
        }
        WorldState accounts = WorldState.of(sorted);
        if (version == VERSION) {
            return accounts;
        }
        long nextId = in.i64();
        var tasks = in.list(MAX_TASKS, 64, TaskState::read);
        for (int i = 1; i < tasks.size(); i++) {
            if (tasks.get(i).id() <= tasks.get(i - 1).id()) {
                throw new CodecException("world state tasks must be in strictly increasing id order");
            }
        }
        TaskBook book = in.guard(() -> TaskBook.of(tasks, nextId));
        if (version == VERSION_WITH_TASKS && book.isPristine()) {
            throw new CodecException("a version 2 world state must hold tasks (write version 1 otherwise)");
        }
        if (version == VERSION_WITH_TASKS) {
            return accounts.withTasks(book);
        }
        LifelongBook lifelong = LifelongBook.read(in);
        if (lifelong.isEmpty()) {
            throw new CodecException("a version 3 world state must hold lifelong models (write version 2 otherwise)");
        }
        return accounts.withTasks(book).withLifelong(lifelong);
    }
}
