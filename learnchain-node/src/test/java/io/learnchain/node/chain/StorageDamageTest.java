package io.learnchain.node.chain;

import static io.learnchain.node.chain.TestNode.GENESIS;
import static io.learnchain.node.chain.TestNode.KEYS;
import static io.learnchain.node.chain.TestNode.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.storage.RocksDbChainStore;
import io.learnchain.node.storage.StoreCorruptedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, items 11 and 12: a damaged write-ahead log, table file, MANIFEST or CURRENT is refused
 * with a message that names it (never a silent roll-back of acknowledged blocks), and `chain reindex`
 * rebuilds the chain from the blocks that can still be read, saying what could not.
 */
class StorageDamageTest {
    private static final int FLUSHED_BLOCKS = 30;
    private static final int LOGGED_BLOCKS = 12;

    @TempDir
    Path dataDir;

    private Path chainDir;
    private Hash flushedTip;
    private Hash tip;

    /** 30 blocks flushed into table files by a reopen, then 12 more that only the write-ahead log holds. */
    @BeforeEach
    void buildChain() {
        chainDir = dataDir.resolve("chain");
        long nonce = 0;
        try (TestNode node = new TestNode(RocksDbChainStore.open(chainDir, GENESIS.chainId()))) {
            for (int i = 0; i < FLUSHED_BLOCKS; i++) {
                node.mineAndConnect(KEYS.get(1), List.of(transfer(0, nonce++, DevAccounts.address(6), 100, 1)));
            }
            flushedTip = node.chain.head().hash();
        }
        try (TestNode node = new TestNode(RocksDbChainStore.open(chainDir, GENESIS.chainId()))) {
            for (int i = 0; i < LOGGED_BLOCKS; i++) {
                node.mineAndConnect(KEYS.get(1), List.of(transfer(0, nonce++, DevAccounts.address(6), 100, 1)));
            }
            tip = node.chain.head().hash();
        }
        assertThat(files(".sst")).isNotEmpty();
        assertThat(files(".log")).hasSize(1);
    }

    @Test
    void aDamagedWriteAheadLogIsRefusedNotRolledBackAndTheReadableBlocksAreSalvaged() throws IOException {
        Path log = files(".log").get(0);
        flip(log, (int) Files.size(log) / 2);

        assertThatThrownBy(() -> RocksDbChainStore.open(chainDir, GENESIS.chainId()))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("write-ahead log")
                .hasMessageContaining(log.getFileName().toString())
                .hasMessageContaining("learnchain chain reindex");

        LearnchainNode.Repair repair = LearnchainNode.repair(dataDir, Optional.empty(), h -> {});
        ChainSalvage.Result salvage = repair.salvage().orElseThrow();
        assertThat(salvage.read().damage())
                .singleElement()
                .asString()
                .contains(log.getFileName().toString());
        // Every block before the damaged record is back; those after it are read but have lost a parent.
        assertThat(salvage.highestSaved())
                .isGreaterThanOrEqualTo(FLUSHED_BLOCKS)
                .isLessThan(FLUSHED_BLOCKS + LOGGED_BLOCKS);
        assertThat(salvage.blocksSaved() + salvage.blocksWithoutParent()).isEqualTo(FLUSHED_BLOCKS + LOGGED_BLOCKS - 1);
        assertThat(repair.reindex().height().value()).isEqualTo(salvage.highestSaved());
        assertThat(salvage.keptAt()).exists().isEqualTo(dataDir.resolve("chain.damaged"));
        assertOpensAndVerifies(Optional.empty());
    }

    @Test
    void aLogCutShortAtItsEndIsAWriteTheCrashInterruptedNotDamage() throws IOException {
        Path log = files(".log").get(0);
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(bytes, bytes.length - 50));
        try (TestNode node = new TestNode(RocksDbChainStore.open(chainDir, GENESIS.chainId()))) {
            // The last block's batch was never completed, so it was never acknowledged: its parent is the tip.
            assertThat(node.chain.head().height().value()).isEqualTo(FLUSHED_BLOCKS + LOGGED_BLOCKS - 1);
            assertThat(node.chain.verifyFromGenesis().ok()).isTrue();
        }
    }

    @Test
    void aDamagedManifestLosesNothing() throws IOException {
        Path manifest = files("").stream()
                .filter(f -> f.getFileName().toString().startsWith("MANIFEST-"))
                .findFirst()
                .orElseThrow();
        flip(manifest, 40);
        assertThatThrownBy(() -> RocksDbChainStore.open(chainDir, GENESIS.chainId()))
                .isInstanceOf(StoreCorruptedException.class);

        LearnchainNode.Repair repair = LearnchainNode.repair(dataDir, Optional.empty(), h -> {});
        assertThat(repair.salvage()).isPresent();
        assertThat(repair.salvage().get().read().damage()).isEmpty();
        assertOpensAndVerifies(Optional.of(tip));
    }

    @Test
    void aCurrentFileThatNamesNoManifestLosesNothing() throws IOException {
        Files.writeString(chainDir.resolve("CURRENT"), "MANIFEST-999999\n", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> RocksDbChainStore.open(chainDir, GENESIS.chainId()))
                .isInstanceOf(StoreCorruptedException.class);

        LearnchainNode.Repair repair = LearnchainNode.repair(dataDir, Optional.empty(), h -> {});
        assertThat(repair.salvage()).isPresent();
        assertOpensAndVerifies(Optional.of(tip));
    }

    @Test
    void aDamagedTableFileIsFoundAtStartAndNamedByTheSalvage() throws IOException {
        Path table = files(".sst").stream()
                .max((a, b) -> Long.compare(size(a), size(b)))
                .orElseThrow();
        flip(table, 100);
        assertThatThrownBy(() -> RocksDbChainStore.open(chainDir, GENESIS.chainId()))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(table.getFileName().toString());

        LearnchainNode.Repair repair = LearnchainNode.repair(dataDir, Optional.empty(), h -> {});
        ChainSalvage.Result salvage = repair.salvage().orElseThrow();
        assertThat(salvage.read().damage())
                .singleElement()
                .asString()
                .startsWith(table.getFileName().toString());
        assertOpensAndVerifies(Optional.empty());
    }

    @Test
    void anInterruptedSalvageStartsOverAndASecondDamageKeepsTheFirstCopy() throws IOException {
        Files.writeString(chainDir.resolve("CURRENT"), "MANIFEST-999999\n", StandardCharsets.US_ASCII);
        Files.createDirectories(dataDir.resolve("chain.salvage"));
        Files.writeString(dataDir.resolve("chain.salvage").resolve("CURRENT"), "half-built");
        Files.createDirectories(dataDir.resolve("chain.damaged"));

        LearnchainNode.Repair repair = LearnchainNode.repair(dataDir, Optional.empty(), h -> {});
        assertThat(repair.salvage().orElseThrow().keptAt()).isEqualTo(dataDir.resolve("chain.damaged-2"));
        assertThat(dataDir.resolve("chain.salvage")).doesNotExist();
        assertOpensAndVerifies(Optional.of(tip));
    }

    @Test
    void aSoundDatabaseIsReindexedInPlace() {
        LearnchainNode.Repair repair = LearnchainNode.repair(dataDir, Optional.empty(), h -> {});
        assertThat(repair.salvage()).isEmpty();
        assertThat(repair.reindex().tipHash()).isEqualTo(tip);
        assertThat(flushedTip).isNotEqualTo(tip);
    }

    private void assertOpensAndVerifies(Optional<Hash> expectedTip) {
        try (TestNode node = new TestNode(RocksDbChainStore.open(chainDir, GENESIS.chainId()))) {
            expectedTip.ifPresent(t -> assertThat(node.chain.head().hash()).isEqualTo(t));
            assertThat(node.chain.verifyFromGenesis().ok()).isTrue();
            long nonce = node.chain
                    .head()
                    .tip()
                    .state()
                    .account(DevAccounts.address(0))
                    .nonce();
            node.mineAndConnect(KEYS.get(1), List.of(transfer(0, nonce, DevAccounts.address(6), 1, 1)));
        }
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> files = Files.list(chainDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void flip(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < 6; i++) {
            bytes[offset + i] ^= 0x5a;
        }
        Files.write(file, bytes);
    }
}
