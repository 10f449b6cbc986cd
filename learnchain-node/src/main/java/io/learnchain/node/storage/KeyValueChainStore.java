package io.learnchain.node.storage;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link ChainStore} over a {@link KeyValueStore}. Opening checks the schema version, the chain id
 * and that the tip record is intact and consistent with the block index; anything else is a
 * {@link StoreCorruptedException}, so the node never starts on damaged data.
 */
public class KeyValueChainStore implements ChainStore {
    static final byte[] TIP_KEY = "tip".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SCHEMA_KEY = "schema".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TASK_NEXT_ID_KEY = "task_next_id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LIFELONG_PREFIX = "lifelong:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CHAIN_ID_KEY = "chain_id".getBytes(StandardCharsets.US_ASCII);
    /**
     * Present from the batch that clears the derived data for a reindex until the reindex has connected
     * its whole branch: a store that holds it was left by an interrupted reindex, and its indexes and
     * state stop part way up the chain.
     */
    static final byte[] REINDEX_KEY = "reindex_in_progress".getBytes(StandardCharsets.US_ASCII);

    private final KeyValueStore kv;

    protected KeyValueChainStore(KeyValueStore kv, Hash chainId) {
        this(kv, chainId, true);
    }

    /** {@code checkTip} false opens a store whose tip is damaged, for repair (reindex) only. */
    protected KeyValueChainStore(KeyValueStore kv, Hash chainId, boolean checkTip) {
        this.kv = kv;
        try {
            initialiseOrCheck(chainId, checkTip);
        } catch (RuntimeException e) {
            kv.close();
            throw e;
        }
    }

    static byte[] heightKey(Height height) {
        return ByteBuffer.allocate(8).putLong(height.value()).array();
    }

    static byte[] taskKey(long taskId) {
        return ByteBuffer.allocate(8).putLong(taskId).array();
    }

    private void initialiseOrCheck(Hash chainId, boolean checkTip) {
        Optional<byte[]> schema = kv.get(Column.META, SCHEMA_KEY);
        if (schema.isEmpty()) {
            if (hasAny(Column.BLOCKS) || kv.get(Column.META, TIP_KEY).isPresent()) {
                throw corrupted("its schema version record is missing but it holds blocks");
            }
            kv.write(new WriteSet()
                    .put(
                            Column.META,
                            SCHEMA_KEY,
                            ByteBuffer.allocate(4).putInt(SCHEMA_VERSION).array())
                    .put(Column.META, CHAIN_ID_KEY, chainId.unsafeArray()));
            return;
        }
        int version = schema.get().length == 4 ? ByteBuffer.wrap(schema.get()).getInt() : -1;
        if (version != SCHEMA_VERSION) {
            throw corrupted("it has schema version " + version + " and this node reads version " + SCHEMA_VERSION);
        }
        Hash stored = kv.get(Column.META, CHAIN_ID_KEY)
                .filter(b -> b.length == Hash.LENGTH)
                .map(Hash::of)
                .orElseThrow(() -> corrupted("its chain id record is missing"));
        if (!stored.equals(chainId)) {
            throw new StorageException("chain database " + kv.location() + " belongs to chain " + stored.toHex()
                    + " but the genesis in use has chain id " + chainId.toHex()
                    + ". Use the matching genesis, or another --datadir for this chain.");
        }
        if (checkTip) {
            checkTip();
        }
    }

    private void checkTip() {
        if (kv.get(Column.META, REINDEX_KEY).isPresent()) {
            throw corrupted("a reindex was interrupted before it finished, so its indexes and state stop part way up"
                    + " the stored chain");
        }
        Optional<byte[]> raw = kv.get(Column.META, TIP_KEY);
        if (raw.isEmpty()) {
            if (hasAny(Column.BLOCKS)) {
                throw corrupted("its tip record is missing but it holds blocks");
            }
            return;
        }
        TipRecord tip = tip().orElseThrow();
        BlockInfo info = blockInfo(tip.hash())
                .orElseThrow(() -> corrupted("its tip " + tip.hash().toHex() + " names a block it does not hold"));
        if (!info.height().equals(tip.height())
                || !canonicalHash(tip.height()).map(tip.hash()::equals).orElse(false)
                || block(tip.hash()).isEmpty()) {
            throw corrupted("its tip record (" + tip.hash().toHex() + " at height " + tip.height()
                    + ") disagrees with the block index");
        }
    }

    private boolean hasAny(Column column) {
        return hasAny(kv, column);
    }

    static boolean hasAny(KeyValueStore kv, Column column) {
        boolean[] any = {false};
        kv.scan(column, new byte[0], (k, v) -> any[0] = true);
        return any[0];
    }

    private StoreCorruptedException corrupted(String problem) {
        return new StoreCorruptedException(kv.location(), problem);
    }

    private <T> Optional<T> decoded(Column column, byte[] key, Function<byte[], T> decoder) {
        Optional<byte[]> raw = kv.get(column, key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(decoder.apply(raw.get()));
        } catch (CodecException e) {
            throw new StoreCorruptedException(
                    kv.location(), "a " + column.familyName() + " record is unreadable (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public Optional<TipRecord> tip() {
        return decoded(Column.META, TIP_KEY, TipRecord::decode);
    }

    @Override
    public Optional<byte[]> block(Hash hash) {
        return kv.get(Column.BLOCKS, hash.unsafeArray());
    }

    @Override
    public Optional<BlockInfo> blockInfo(Hash hash) {
        return decoded(Column.BLOCK_INFO, hash.unsafeArray(), BlockInfo::decode);
    }

    @Override
    public Optional<Hash> canonicalHash(Height height) {
        return decoded(Column.CANONICAL, heightKey(height), Hash::of);
    }

    @Override
    public Optional<TxLocation> transaction(Hash txHash) {
        return decoded(Column.TX_INDEX, txHash.unsafeArray(), TxLocation::decode);
    }

    @Override
    public Optional<Bytes> account(Bytes key) {
        return kv.get(Column.ACCOUNTS, key.unsafeArray()).map(Bytes::wrap);
    }

    @Override
    public void forEachAccount(BiConsumer<Bytes, Bytes> visitor) {
        kv.scan(Column.ACCOUNTS, new byte[0], (k, v) -> visitor.accept(Bytes.wrap(k), Bytes.wrap(v)));
    }

    @Override
    public void forEachTask(BiConsumer<Long, byte[]> visitor) {
        kv.scan(Column.TASKS, new byte[0], (k, v) -> {
            if (k.length != 8) {
                throw corrupted("a task key has " + k.length + " bytes instead of 8");
            }
            visitor.accept(ByteBuffer.wrap(k).getLong(), v);
        });
    }

    /** META key of the lifelong registry after a block: "lifelong:" + the block hash. */
    static byte[] lifelongKey(Hash blockHash) {
        return ByteBuffer.allocate(LIFELONG_PREFIX.length + Hash.LENGTH)
                .put(LIFELONG_PREFIX)
                .put(blockHash.unsafeArray())
                .array();
    }

    @Override
    public Optional<byte[]> lifelongBook(Hash blockHash) {
        return decoded(Column.META, lifelongKey(blockHash), b -> b);
    }

    @Override
    public Optional<Long> taskNextId() {
        return decoded(Column.META, TASK_NEXT_ID_KEY, b -> {
            if (b.length != 8) {
                throw new CodecException("the task next-id record has " + b.length + " bytes instead of 8");
            }
            return ByteBuffer.wrap(b).getLong();
        });
    }

    @Override
    public Optional<UndoRecord> undo(Hash blockHash) {
        return decoded(Column.UNDO, blockHash.unsafeArray(), UndoRecord::decode);
    }

    @Override
    public void forEachBlockInfo(Consumer<BlockInfo> visitor) {
        kv.scan(Column.BLOCK_INFO, new byte[0], (k, v) -> {
            try {
                visitor.accept(BlockInfo.decode(v));
            } catch (CodecException e) {
                // A damaged fact record: its block is left out (reindex reports how many were used).
            }
        });
    }

    @Override
    public void clearDerivedData() {
        WriteSet writes = new WriteSet();
        for (Column column :
                new Column[] {Column.CANONICAL, Column.TX_INDEX, Column.ACCOUNTS, Column.UNDO, Column.TASKS}) {
            kv.scan(column, new byte[0], (k, v) -> writes.delete(column, k));
        }
        writes.delete(Column.META, TIP_KEY);
        writes.delete(Column.META, TASK_NEXT_ID_KEY);
        writes.put(Column.META, REINDEX_KEY, new byte[] {1});
        kv.write(writes);
    }

    @Override
    public void finishReindex() {
        kv.write(new WriteSet().delete(Column.META, REINDEX_KEY));
    }

    @Override
    public void commit(ChainUpdate update) {
        if (!update.isEmpty()) {
            kv.write(update.toWriteSet());
        }
    }

    @Override
    public String location() {
        return kv.location();
    }

    @Override
    public void close() {
        kv.close();
    }
}
