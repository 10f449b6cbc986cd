package io.learnchain.node.storage;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The node's chain database, as a port: blocks and their facts, the canonical index, the
 * transaction index, the account and task state at the canonical tip with per-block undo records, and the
 * tip. Block and account values are opaque bytes here (the canonical encodings of the chain
 * module). Every change goes through {@link #commit} as one atomic, durable batch.
 * {@link RocksDbChainStore} is the real one; {@link InMemoryChainStore} its twin.
 */
public interface ChainStore extends AutoCloseable {

    /** Bumped whenever the layout changes; a store of another version refuses to open. */
    int SCHEMA_VERSION = 1;

    /** The canonical tip; empty only before genesis is stored. */
    Optional<TipRecord> tip();

    Optional<byte[]> block(Hash hash);

    Optional<BlockInfo> blockInfo(Hash hash);

    Optional<Hash> canonicalHash(Height height);

    Optional<TxLocation> transaction(Hash txHash);

    Optional<Bytes> account(Bytes key);

    /** Visits every account of the tip state in key order. */
    void forEachAccount(BiConsumer<Bytes, Bytes> visitor);

    /** Visits every task record of the tip state (id, stored bytes) in increasing id order. */
    void forEachTask(BiConsumer<Long, byte[]> visitor);

    /** The tip task book's next id; empty while no task was ever posted. */
    Optional<Long> taskNextId();

    /** The lifelong registry after block {@code blockHash} (canonical bytes), when it was not empty. */
    Optional<byte[]> lifelongBook(Hash blockHash);

    Optional<UndoRecord> undo(Hash blockHash);

    /** Visits the facts of every stored block (canonical or not), in hash order; unreadable records are skipped. */
    void forEachBlockInfo(Consumer<BlockInfo> visitor);

    /**
     * Deletes everything derived from the blocks (canonical index, transaction index, accounts,
     * tasks, undo records, tip) in one batch, keeping blocks, block facts, schema and chain id: the first
     * step of a reindex. The same batch marks the store as being reindexed: until {@link #finishReindex}
     * it refuses to open for a node (a {@link StoreCorruptedException} naming the interrupted reindex),
     * so a reindex killed part way never leaves a store that opens on a shorter chain.
     */
    void clearDerivedData();

    /** The last step of a reindex, once the whole branch is connected again: the store opens normally again. */
    void finishReindex();

    /** Writes {@code update} in one durable batch; returns only once it would survive a crash. */
    void commit(ChainUpdate update);

    /** Where the data lives, for messages. */
    String location();

    @Override
    void close();
}
