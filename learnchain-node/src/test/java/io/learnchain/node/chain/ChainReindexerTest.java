package io.learnchain.node.chain;

import static io.learnchain.node.chain.TestNode.GENESIS;
import static io.learnchain.node.chain.TestNode.KEYS;
import static io.learnchain.node.chain.TestNode.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.Column;
import io.learnchain.node.storage.KeyValueStore;
import io.learnchain.node.storage.RocksDbChainStore;
import io.learnchain.node.storage.RocksDbKeyValueStore;
import io.learnchain.node.storage.StoreCorruptedException;
import io.learnchain.node.storage.WriteSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainReindexerTest {
    @TempDir
    Path dir;

    private record Built(Hash tip, Hash stateRoot, SignedTransaction tx) {}

    private Built buildChainWithSideBranch(Path path) {
        try (TestNode a = new TestNode(RocksDbChainStore.open(path, GENESIS.chainId()));
                TestNode b = new TestNode()) {
            SignedTransaction tx = transfer(0, 0, DevAccounts.address(6), 500, 3);
            a.mineAndConnect(KEYS.get(1), List.of(tx));
            for (int i = 1; i < 4; i++) {
                a.mineAndConnect(KEYS.get(1), List.of(transfer(0, i, DevAccounts.address(6), 500, 3)));
            }
            Block side = b.mineAndConnect(KEYS.get(2), List.of());
            assertThat(a.chain.importBlock(side)).isInstanceOf(ImportResult.SideChain.class);
            return new Built(a.chain.head().hash(), a.chain.head().tip().state().root(), tx);
        }
    }

    private static void damageTip(Path path) {
        try (KeyValueStore kv = RocksDbKeyValueStore.open(path)) {
            kv.write(new WriteSet().delete(Column.META, "tip".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static ChainReindexer.Result reindex(Path path) {
        List<Long> heights = new ArrayList<>();
        try (ChainStore store = RocksDbChainStore.openForRepair(path, GENESIS.chainId())) {
            ChainReindexer.Result result = new ChainReindexer(GENESIS, store).reindex(heights::add);
            assertThat(heights).containsExactly(1L, 2L, 3L, 4L);
            return result;
        }
    }

    @Test
    void rebuildsTipStateAndIndexesAfterTheTipRecordIsLost() {
        Path path = dir.resolve("chain");
        Built built = buildChainWithSideBranch(path);
        damageTip(path);
        assertThatThrownBy(() -> RocksDbChainStore.open(path, GENESIS.chainId()))
                .isInstanceOf(StoreCorruptedException.class);
        ChainReindexer.Result result = reindex(path);
        assertThat(result.tipHash()).isEqualTo(built.tip());
        assertThat(result.blocksConnected()).isEqualTo(4);
        assertThat(result.blocksLeftOut()).isEqualTo(1);
        assertThat(result.cutShort()).isEmpty();
        try (TestNode node = new TestNode(RocksDbChainStore.open(path, GENESIS.chainId()))) {
            assertThat(node.chain.head().hash()).isEqualTo(built.tip());
            assertThat(node.chain.head().tip().state().root()).isEqualTo(built.stateRoot());
            assertThat(node.chain.transaction(built.tx().hash())).isPresent();
            assertThat(node.chain.verifyFromGenesis().ok()).isTrue();
            node.mineAndConnect(KEYS.get(1), List.of(transfer(0, 4, DevAccounts.address(6), 1, 1)));
        }
    }

    @Test
    void repairsDamagedAccountStateAndCanRunAgain() {
        Path path = dir.resolve("chain");
        Built built = buildChainWithSideBranch(path);
        try (KeyValueStore kv = RocksDbKeyValueStore.open(path)) {
            kv.write(new WriteSet()
                    .delete(Column.ACCOUNTS, DevAccounts.address(0).bytes().toArray()));
        }
        try (ChainStore store = RocksDbChainStore.open(path, GENESIS.chainId())) {
            assertThatThrownBy(() -> new TestNode(store))
                    .isInstanceOf(StoreCorruptedException.class)
                    .hasMessageContaining("state (accounts and tasks) has root");
        }
        reindex(path);
        ChainReindexer.Result again = reindex(path);
        assertThat(again.height()).isEqualTo(Height.of(4));
        try (TestNode node = new TestNode(RocksDbChainStore.open(path, GENESIS.chainId()))) {
            assertThat(node.chain.head().tip().state().root()).isEqualTo(built.stateRoot());
        }
    }

    @Test
    void aReindexStoppedPartWayRefusesToOpenUntilRunAgain() {
        Path path = dir.resolve("chain");
        Built built = buildChainWithSideBranch(path);
        try (ChainStore store = RocksDbChainStore.openForRepair(path, GENESIS.chainId())) {
            assertThatThrownBy(() -> new ChainReindexer(GENESIS, store).reindex(height -> {
                        if (height == 2) {
                            throw new IllegalStateException("stopped after height 2");
                        }
                    }))
                    .hasMessage("stopped after height 2");
        }
        // Blocks 1 and 2 are connected and consistent, but opening there would drop blocks 3 and 4 in silence.
        assertThatThrownBy(() -> RocksDbChainStore.open(path, GENESIS.chainId()))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("a reindex was interrupted")
                .hasMessageContaining("learnchain chain reindex");
        ChainReindexer.Result result = reindex(path);
        assertThat(result.tipHash()).isEqualTo(built.tip());
        try (TestNode node = new TestNode(RocksDbChainStore.open(path, GENESIS.chainId()))) {
            assertThat(node.chain.head().hash()).isEqualTo(built.tip());
            assertThat(node.chain.head().tip().state().root()).isEqualTo(built.stateRoot());
        }
    }
}
