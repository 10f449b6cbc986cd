package io.learnchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.node.storage.Column;
import io.learnchain.node.storage.KeyValueStore;
import io.learnchain.node.storage.RocksDbKeyValueStore;
import io.learnchain.node.storage.StoreCorruptedException;
import io.learnchain.node.storage.WriteSet;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnchainNodeTest {
    @TempDir
    Path dir;

    private static void awaitHeight(LearnchainNode node, long height, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (node.chain().head().height().value() < height) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("height " + height + " not reached in " + timeoutMillis + " ms; at "
                        + node.chain().head().height());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void devNodeMinesAtTheBlockTimeAndRestartsFromItsDataDirectory() throws InterruptedException {
        NodeConfig config = NodeConfig.dev(Optional.of(dir), 0, 1);
        List<Long> timestamps = new ArrayList<>();
        String tip;
        try (LearnchainNode node = LearnchainNode.start(config)) {
            assertThat(node.apiPort()).isPositive();
            assertThat(node.apiUrl()).startsWith("http://127.0.0.1:").endsWith("/api/v1");
            assertThat(node.isMining()).isTrue();
            awaitHeight(node, 4, 15_000);
            for (long h = 1; h <= 4; h++) {
                timestamps.add(node.chain()
                        .blockAt(Height.of(h))
                        .orElseThrow()
                        .header()
                        .timestamp());
            }
            tip = node.chain().canonicalHash(Height.of(4)).orElseThrow().toHex();
        }
        for (int i = 1; i < timestamps.size(); i++) {
            assertThat(timestamps.get(i) - timestamps.get(i - 1))
                    .as("block interval")
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(LearnchainNode.storedGenesis(dir)).contains(DevChain.genesis(1));
        try (LearnchainNode node = LearnchainNode.start(config.withMinerKey(Optional.empty()))) {
            assertThat(node.chain().head().height().value()).isGreaterThanOrEqualTo(4);
            assertThat(node.chain().canonicalHash(Height.of(4)).orElseThrow().toHex())
                    .isEqualTo(tip);
            assertThat(node.verify().ok()).isTrue();
            assertThat(node.account(DevAccounts.address(0)).balance().units()).isPositive();
        }
    }

    @Test
    void reportsNoStoredGenesisForEmptyDirectory() {
        assertThat(LearnchainNode.storedGenesis(dir)).isEmpty();
    }

    @Test
    void treatsDatabaseOfAFirstStartKilledBeforeGenesisAsNoChainYet() {
        try (KeyValueStore kv = RocksDbKeyValueStore.open(dir.resolve("chain"))) {
            kv.write(new WriteSet()
                    .put(Column.META, "schema".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0, 0, 1})
                    .put(
                            Column.META,
                            "chain_id".getBytes(StandardCharsets.US_ASCII),
                            DevChain.genesis(10).chainId().toArray()));
        }
        assertThat(LearnchainNode.storedGenesis(dir)).isEmpty();
        NodeConfig config =
                NodeConfig.dev(Optional.of(dir), NodeConfig.API_DISABLED, 10).withMinerKey(Optional.empty());
        try (LearnchainNode node = LearnchainNode.start(config)) {
            assertThat(node.chain().head().height()).isEqualTo(Height.GENESIS);
        }
        assertThat(LearnchainNode.storedGenesis(dir)).contains(DevChain.genesis(10));
    }

    private Block mineOneOffline() {
        NodeConfig config =
                NodeConfig.dev(Optional.of(dir), NodeConfig.API_DISABLED, 10).withMinerKey(Optional.empty());
        try (LearnchainNode node = LearnchainNode.start(config)) {
            var head = node.chain().head();
            Block block = BlockAssembler.mine(
                            head.tip(),
                            List.of(),
                            DevAccounts.keys(1),
                            System.currentTimeMillis() / 1000,
                            node.chain().rules(),
                            1_000_000)
                    .orElseThrow();
            node.chain().importBlock(block);
            assertThat(node.chain().head().hash()).isEqualTo(block.hash());
            return block;
        }
    }

    @Test
    void refusesToStartWhenTipRecordIsDamagedAndReleasesThePort() throws Exception {
        mineOneOffline();
        try (KeyValueStore kv = RocksDbKeyValueStore.open(dir.resolve("chain"))) {
            byte[] key = "tip".getBytes(StandardCharsets.US_ASCII);
            byte[] tip = kv.get(Column.META, key).orElseThrow();
            tip[0] ^= 0x55;
            kv.write(new WriteSet().put(Column.META, key, tip));
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        NodeConfig config = NodeConfig.dev(Optional.of(dir), port, 10);
        assertThatThrownBy(() -> LearnchainNode.start(config))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(dir.resolve("chain").toString())
                .hasMessageContaining("learnchain chain reindex");
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.isBound()).isTrue();
        }
    }

    @Test
    void refusesToStartWhenStoredStateDisagreesWithTheTipBlock() {
        mineOneOffline();
        try (KeyValueStore kv = RocksDbKeyValueStore.open(dir.resolve("chain"))) {
            byte[] key = DevAccounts.address(3).bytes().toArray();
            byte[] account = kv.get(Column.ACCOUNTS, key).orElseThrow();
            account[8] ^= 1;
            kv.write(new WriteSet().put(Column.ACCOUNTS, key, account));
        }
        NodeConfig config = NodeConfig.dev(Optional.of(dir), NodeConfig.API_DISABLED, 10);
        assertThatThrownBy(() -> LearnchainNode.start(config))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("state")
                .hasMessageContaining("root");
    }

    @Test
    void discardsPartialBlobWritesAtStart() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("blobs").resolve("tmp"));
        Path partial = Files.writeString(tmp.resolve("blob-1.tmp"), "interrupted");
        NodeConfig config =
                NodeConfig.dev(Optional.of(dir), NodeConfig.API_DISABLED, 10).withMinerKey(Optional.empty());
        try (LearnchainNode node = LearnchainNode.start(config)) {
            assertThat(partial).doesNotExist();
            var hash = node.blobs().put("model".getBytes(StandardCharsets.UTF_8));
            assertThat(node.blobs().get(hash)).isPresent();
        }
    }
}
