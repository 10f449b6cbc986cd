package io.learnchain.node.storage;

import io.learnchain.base.Hash;
import java.util.EnumSet;
import java.util.Set;

/** A chain store whose key-value port can fail the next write and counts batches (fakes only the I/O port). */
public final class ChainStoreFaults {
    private final ChainStoreTest.FailingKeyValueStore kv;
    private final ChainStore store;

    private ChainStoreFaults(ChainStoreTest.FailingKeyValueStore kv, ChainStore store) {
        this.kv = kv;
        this.store = store;
    }

    public static ChainStoreFaults inMemory(Hash chainId) {
        ChainStoreTest.FailingKeyValueStore kv = new ChainStoreTest.FailingKeyValueStore(new InMemoryKeyValueStore());
        return new ChainStoreFaults(kv, InMemoryChainStore.over(kv, chainId));
    }

    public ChainStore store() {
        return store;
    }

    public void failNextWrite() {
        kv.failNextWrite = true;
    }

    public int batches() {
        return kv.batches;
    }

    /** The column families the last batch wrote to. */
    public Set<Column> lastBatchColumns() {
        Set<Column> out = EnumSet.noneOf(Column.class);
        kv.lastBatch.ops().forEach(op -> out.add(op.column()));
        return out;
    }
}
