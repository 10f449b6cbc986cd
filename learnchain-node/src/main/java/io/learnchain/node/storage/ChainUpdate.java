package io.learnchain.node.storage;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Everything one chain change writes (blocks, block facts, canonical index, transaction index,
 * account state, task state, undo records, the tip), committed by {@link ChainStore#commit} as ONE durable
 * write batch: after a crash the store holds all of it or none of it. Not thread-safe.
 */
public final class ChainUpdate {
    private final WriteSet writes = new WriteSet();
    private TipRecord tip;

    public ChainUpdate storeBlock(BlockInfo info, byte[] blockBytes) {
        Objects.requireNonNull(info, "info");
        writes.put(Column.BLOCKS, info.hash().unsafeArray(), blockBytes);
        writes.put(Column.BLOCK_INFO, info.hash().unsafeArray(), info.encode());
        return this;
    }

    public ChainUpdate setCanonical(Height height, Hash hash) {
        writes.put(Column.CANONICAL, KeyValueChainStore.heightKey(height), hash.unsafeArray());
        return this;
    }

    public ChainUpdate removeCanonical(Height height) {
        writes.delete(Column.CANONICAL, KeyValueChainStore.heightKey(height));
        return this;
    }

    public ChainUpdate indexTransaction(Hash txHash, TxLocation location) {
        writes.put(Column.TX_INDEX, txHash.unsafeArray(), location.encode());
        return this;
    }

    public ChainUpdate unindexTransaction(Hash txHash) {
        writes.delete(Column.TX_INDEX, txHash.unsafeArray());
        return this;
    }

    public ChainUpdate putAccount(Bytes key, Bytes value) {
        writes.put(Column.ACCOUNTS, key.unsafeArray(), value.unsafeArray());
        return this;
    }

    public ChainUpdate deleteAccount(Bytes key) {
        writes.delete(Column.ACCOUNTS, key.unsafeArray());
        return this;
    }

    public ChainUpdate putTask(long taskId, byte[] record) {
        writes.put(Column.TASKS, KeyValueChainStore.taskKey(taskId), record);
        return this;
    }

    public ChainUpdate deleteTask(long taskId) {
        writes.delete(Column.TASKS, KeyValueChainStore.taskKey(taskId));
        return this;
    }

    /** The task book's next id at the canonical tip (absent while no task was ever posted). */
    /** Stores the lifelong registry as it is after block {@code blockHash}. */
    public ChainUpdate putLifelongBook(Hash blockHash, byte[] book) {
        writes.put(Column.META, KeyValueChainStore.lifelongKey(blockHash), book);
        return this;
    }

    public ChainUpdate setTaskNextId(long nextId) {
        writes.put(
                Column.META,
                KeyValueChainStore.TASK_NEXT_ID_KEY,
                ByteBuffer.allocate(8).putLong(nextId).array());
        return this;
    }

    public ChainUpdate clearTaskNextId() {
        writes.delete(Column.META, KeyValueChainStore.TASK_NEXT_ID_KEY);
        return this;
    }

    public ChainUpdate putUndo(Hash blockHash, UndoRecord undo) {
        writes.put(Column.UNDO, blockHash.unsafeArray(), undo.encode());
        return this;
    }

    public ChainUpdate setTip(Hash hash, Height height) {
        this.tip = new TipRecord(hash, height);
        return this;
    }

    /** The write set, with the tip record last. */
    WriteSet toWriteSet() {
        if (tip != null) {
            writes.put(Column.META, KeyValueChainStore.TIP_KEY, tip.encode());
        }
        return writes;
    }

    public boolean isEmpty() {
        return writes.isEmpty() && tip == null;
    }
}
