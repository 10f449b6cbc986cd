package io.learnchain.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainStoreTest {
    private static final Hash CHAIN = Hash.sha256("test chain".getBytes());

    @TempDir
    Path dir;

    private static Hash h(String s) {
        return Hash.sha256(s.getBytes());
    }

    private static ChainUpdate genesisUpdate() {
        Hash g = h("genesis");
        return new ChainUpdate()
                .storeBlock(new BlockInfo(g, Hash.ZERO, Height.GENESIS, 0, 0, 0), new byte[] {1, 2})
                .setCanonical(Height.GENESIS, g)
                .putAccount(Bytes.of(new byte[] {7}), Bytes.of(new byte[] {42}))
                .setTip(g, Height.GENESIS);
    }

    @Test
    void reopensWithSameTipBlockAndState() {
        Path path = dir.resolve("chain");
        try (ChainStore store = RocksDbChainStore.open(path, CHAIN)) {
            assertThat(store.tip()).isEmpty();
            store.commit(genesisUpdate());
        }
        try (ChainStore store = RocksDbChainStore.open(path, CHAIN)) {
            assertThat(store.tip()).contains(new TipRecord(h("genesis"), Height.GENESIS));
            assertThat(store.block(h("genesis")))
                    .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
            assertThat(store.account(Bytes.of(new byte[] {7}))).contains(Bytes.of(new byte[] {42}));
            assertThat(store.canonicalHash(Height.GENESIS)).contains(h("genesis"));
        }
    }

    @Test
    void leavesNothingBehindWhenBatchWriteFails() {
        FailingKeyValueStore kv = new FailingKeyValueStore(new InMemoryKeyValueStore());
        try (ChainStore store = InMemoryChainStore.over(kv, CHAIN)) {
            int before = kv.batches;
            kv.failNextWrite = true;
            assertThatThrownBy(() -> store.commit(genesisUpdate())).isInstanceOf(StorageException.class);
            assertThat(store.tip()).isEmpty();
            assertThat(store.block(h("genesis"))).isEmpty();
            assertThat(store.account(Bytes.of(new byte[] {7}))).isEmpty();
            store.commit(genesisUpdate());
            assertThat(kv.batches - before).isEqualTo(2);
            assertThat(store.tip()).isPresent();
        }
    }

    @Test
    void writesBlockStateIndexesAndTipInOneBatch() {
        FailingKeyValueStore kv = new FailingKeyValueStore(new InMemoryKeyValueStore());
        try (ChainStore store = InMemoryChainStore.over(kv, CHAIN)) {
            int before = kv.batches;
            store.commit(genesisUpdate().indexTransaction(h("tx"), new TxLocation(h("genesis"), Height.GENESIS, 0)));
            assertThat(kv.batches - before).isEqualTo(1);
            assertThat(kv.lastBatch.ops())
                    .extracting(WriteSet.Op::column)
                    .contains(
                            Column.BLOCKS,
                            Column.BLOCK_INFO,
                            Column.CANONICAL,
                            Column.ACCOUNTS,
                            Column.TX_INDEX,
                            Column.META);
        }
    }

    @Test
    void refusesToOpenWhenTipRecordIsAltered() {
        Path path = dir.resolve("altered");
        try (ChainStore store = RocksDbChainStore.open(path, CHAIN)) {
            store.commit(genesisUpdate());
        }
        try (KeyValueStore kv = RocksDbKeyValueStore.open(path)) {
            byte[] tip = kv.get(Column.META, KeyValueChainStore.TIP_KEY).orElseThrow();
            tip[3] ^= 1;
            kv.write(new WriteSet().put(Column.META, KeyValueChainStore.TIP_KEY, tip));
        }
        assertThatThrownBy(() -> RocksDbChainStore.open(path, CHAIN))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("checksum")
                .hasMessageContaining("reindex");
    }

    @Test
    void refusesToOpenWhenTipRecordIsMissing() {
        Path path = dir.resolve("missing");
        try (ChainStore store = RocksDbChainStore.open(path, CHAIN)) {
            store.commit(genesisUpdate());
        }
        try (KeyValueStore kv = RocksDbKeyValueStore.open(path)) {
            kv.write(new WriteSet().delete(Column.META, KeyValueChainStore.TIP_KEY));
        }
        assertThatThrownBy(() -> RocksDbChainStore.open(path, CHAIN))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("tip record is missing");
    }

    @Test
    void refusesToOpenWhenTipNamesUnknownBlock() {
        KeyValueStore kv = new FailingKeyValueStore(new InMemoryKeyValueStore());
        try (ChainStore store = InMemoryChainStore.over(kv, CHAIN)) {
            store.commit(genesisUpdate());
            store.commit(new ChainUpdate().setTip(h("elsewhere"), Height.of(5)));
        }
        assertThatThrownBy(() -> InMemoryChainStore.over(kv, CHAIN))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("does not hold");
    }

    @Test
    void refusesToOpenDatabaseOfAnotherChain() {
        Path path = dir.resolve("other");
        try (ChainStore store = RocksDbChainStore.open(path, CHAIN)) {
            store.commit(genesisUpdate());
        }
        assertThatThrownBy(() -> RocksDbChainStore.open(path, h("other chain")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("--datadir");
    }

    /** A key-value store fake (an I/O port) that counts batches and can fail the next write. */
    static final class FailingKeyValueStore implements KeyValueStore {
        private final KeyValueStore delegate;
        boolean failNextWrite;
        int batches;
        WriteSet lastBatch;

        FailingKeyValueStore(KeyValueStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<byte[]> get(Column column, byte[] key) {
            return delegate.get(column, key);
        }

        @Override
        public void write(WriteSet writes) {
            batches++;
            lastBatch = writes;
            if (failNextWrite) {
                failNextWrite = false;
                throw new StorageException("injected: disk full");
            }
            delegate.write(writes);
        }

        @Override
        public void scan(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
            delegate.scan(column, prefix, visitor);
        }

        @Override
        public String location() {
            return "fake";
        }

        @Override
        public void close() {
            // The test closes the delegate.
        }
    }
}
