package io.learnchain.chain.state;

import io.learnchain.base.Address;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import java.util.TreeMap;

/**
 * Snapshot encoding of a whole state, version 1: u8 version, u32 count, then per account in
 * strictly increasing address order: address(20), i64 balance, i64 nonce, i64 reputation.
 * Decoding rejects unsorted or repeated addresses, so a snapshot has exactly one encoding.
 */
public final class WorldStateCodec implements Codec<WorldState> {
    public static final WorldStateCodec INSTANCE = new WorldStateCodec();
    public static final int VERSION = 1;
    public static final int MAX_ACCOUNTS = 50_000_000;
    private static final int ENTRY_BYTES = Address.LENGTH + 24;

    private WorldStateCodec() {
    }

    @Override
    public void write(WorldState state, CanonicalWriter out) {
        out.u8(VERSION).i32(state.size());
        state.forEach((address, account) -> out.address(address).amount(account.balance()).i64(account.nonce())
                .i64(account.reputation()));
    }

    @Override
    public WorldState read(CanonicalReader in) {
        in.version(VERSION, "world state");
        var entries = in.list(MAX_ACCOUNTS, ENTRY_BYTES, r -> {
            Address address = r.address();
            Account account = r.guard(() -> new Account(r.amount(), r.nonNegativeLong("nonce"),
                    r.nonNegativeLong("reputation")));
            return java.util.Map.entry(address, account);
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
        return WorldState.of(sorted);
    }
}
