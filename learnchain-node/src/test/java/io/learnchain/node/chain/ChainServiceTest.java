package io.learnchain.node.chain;

import static io.learnchain.node.chain.TestNode.KEYS;
import static io.learnchain.node.chain.TestNode.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.ProtocolLimits;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.node.mempool.Admission;
import io.learnchain.node.storage.ChainStoreFaults;
import io.learnchain.node.storage.Column;
import io.learnchain.node.storage.InMemoryChainStore;
import io.learnchain.node.storage.RocksDbChainStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainServiceTest {
    private static final Address SINK = DevAccounts.address(7);

    @TempDir
    Path dir;

    @Test
    void connectsMinedBlockAndUpdatesStateIndexesAndMempool() {
        try (TestNode node = new TestNode()) {
            SignedTransaction tx = transfer(0, 0, SINK, 1_000, 10);
            assertThat(node.mempool.add(tx, node.chain.head().tip().state())).isInstanceOf(Admission.Accepted.class);
            Block block = node.mineAndConnect(
                    KEYS.get(1), node.mempool.select(node.chain.head().tip().state(), 100));
            assertThat(node.chain.head().hash()).isEqualTo(block.hash());
            assertThat(node.chain.head().height()).isEqualTo(Height.of(1));
            assertThat(node.chain.transaction(tx.hash())).hasValueSatisfying(t -> {
                assertThat(t.location().blockHash()).isEqualTo(block.hash());
                assertThat(t.location().index()).isEqualTo(1);
            });
            assertThat(node.chain.account(SINK).balance().units())
                    .isEqualTo(TestNode.GENESIS.initialState().balance(SINK).units() + 1_000);
            assertThat(node.mempool.size()).isZero();
            assertThat(node.chain.blockAt(Height.of(1))).contains(block);
            ChainInfo info = node.chain.info();
            assertThat(info.height()).isEqualTo(Height.of(1));
            assertThat(info.totalSupply())
                    .isEqualTo(TestNode.GENESIS.initialState().totalSupply().add(TestNode.GENESIS.blockSubsidy()));
        }
    }

    @Test
    void rejectsInvalidBlockAndRemembersIt() {
        try (TestNode node = new TestNode()) {
            Block good = node.mine(KEYS.get(1), List.of(), 10);
            Block forged = new Block(good.header().withProof(new IdleProof(5, 0)), good.transactions());
            ImportResult first = node.chain.importBlock(forged);
            assertThat(first)
                    .isInstanceOfSatisfying(
                            ImportResult.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(InvalidReason.WRONG_DIFFICULTY));
            assertThat(node.chain.importBlock(forged))
                    .isInstanceOfSatisfying(
                            ImportResult.Rejected.class,
                            r -> assertThat(r.detail()).contains("known bad block"));
            assertThat(node.chain.importBlock(good)).isInstanceOf(ImportResult.Connected.class);
        }
    }

    @Test
    void defersBlockWithUnknownParent() {
        try (TestNode a = new TestNode();
                TestNode b = new TestNode()) {
            b.mineAndConnect(KEYS.get(1), List.of());
            Block orphan = b.mine(KEYS.get(1), List.of(), 10);
            assertThat(a.chain.importBlock(orphan))
                    .isInstanceOfSatisfying(
                            ImportResult.Deferred.class,
                            d -> assertThat(d.reason()).isEqualTo(UndecidedReason.UNKNOWN_PARENT));
        }
    }

    @Test
    void storageFailureDefersBlockWithoutMarkingItBadAndRetryConnects() {
        ChainStoreFaults faults = ChainStoreFaults.inMemory(TestNode.GENESIS.chainId());
        try (TestNode node = new TestNode(faults.store())) {
            Block block = node.mine(KEYS.get(1), List.of(transfer(0, 0, SINK, 5, 1)), 10);
            faults.failNextWrite();
            assertThat(node.chain.importBlock(block))
                    .isInstanceOfSatisfying(
                            ImportResult.Deferred.class,
                            d -> assertThat(d.reason()).isEqualTo(UndecidedReason.STORAGE_FAILURE));
            assertThat(node.chain.head().height()).isEqualTo(Height.GENESIS);
            assertThat(node.chain.blockInfo(block.hash())).isEmpty();
            assertThat(node.chain.importBlock(block)).isInstanceOf(ImportResult.Connected.class);
        }
    }

    @Test
    void commitsBlockStateIndexesAndTipInOneBatch() {
        ChainStoreFaults faults = ChainStoreFaults.inMemory(TestNode.GENESIS.chainId());
        try (TestNode node = new TestNode(faults.store())) {
            int before = faults.batches();
            node.mineAndConnect(KEYS.get(1), List.of(transfer(0, 0, SINK, 5, 1)));
            assertThat(faults.batches() - before).isEqualTo(1);
            assertThat(faults.lastBatchColumns())
                    .containsExactlyInAnyOrder(
                            Column.BLOCKS,
                            Column.BLOCK_INFO,
                            Column.CANONICAL,
                            Column.TX_INDEX,
                            Column.UNDO,
                            Column.ACCOUNTS,
                            Column.META);
        }
    }

    @Test
    void reopenGivesSameTipAndState() {
        Path path = dir.resolve("chain");
        Block last;
        Hash root;
        try (TestNode node = new TestNode(RocksDbChainStore.open(path, TestNode.GENESIS.chainId()))) {
            node.mineAndConnect(KEYS.get(1), List.of(transfer(0, 0, SINK, 5, 1)));
            last = node.mineAndConnect(KEYS.get(2), List.of(transfer(0, 1, SINK, 7, 1)));
            root = node.chain.head().tip().state().root();
        }
        try (TestNode node = new TestNode(RocksDbChainStore.open(path, TestNode.GENESIS.chainId()))) {
            assertThat(node.chain.head().hash()).isEqualTo(last.hash());
            assertThat(node.chain.head().tip().state().root()).isEqualTo(root);
            assertThat(node.chain.verifyFromGenesis().ok()).isTrue();
            node.mineAndConnect(KEYS.get(1), List.of(transfer(0, 2, SINK, 7, 1)));
        }
    }

    @Test
    void reorganisesToLongerForkWithStateEqualToNodeThatOnlySawIt() {
        try (TestNode a = new TestNode();
                TestNode b = new TestNode();
                TestNode c = new TestNode()) {
            List<SignedTransaction> onlyOnA = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SignedTransaction tx = transfer(0, i, SINK, 100 + i, 5);
                onlyOnA.add(tx);
                a.mineAndConnect(KEYS.get(1), List.of(tx));
            }
            SignedTransaction shared = transfer(3, 0, SINK, 42, 5);
            List<Block> winning = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                winning.add(b.mineAndConnect(
                        KEYS.get(2), i == 1 ? List.of(shared, transfer(2, 0, SINK, 9, 5)) : List.of()));
            }
            for (Block block : winning) {
                a.chain.importBlock(block);
                c.chain.importBlock(block);
            }
            assertThat(a.chain.head().hash()).isEqualTo(b.chain.head().hash());
            assertThat(a.chain.head().tip().state())
                    .isEqualTo(c.chain.head().tip().state());
            assertThat(a.chain.head().tip().state().root())
                    .isEqualTo(b.chain.head().tip().state().root());
            for (SignedTransaction tx : onlyOnA) {
                assertThat(a.mempool.contains(tx.hash()))
                        .as("abandoned tx back in the mempool")
                        .isTrue();
                assertThat(a.chain.transaction(tx.hash())).isEmpty();
            }
            assertThat(a.chain.transaction(shared.hash())).isPresent();
            assertThat(a.chain.verifyFromGenesis().ok()).isTrue();
            assertThat(a.metrics.reorganisations.count()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void reorganisationSurvivesReopenOnRocksDb() {
        Path path = dir.resolve("reorg");
        try (TestNode a = new TestNode(RocksDbChainStore.open(path, TestNode.GENESIS.chainId()));
                TestNode b = new TestNode()) {
            a.mineAndConnect(KEYS.get(1), List.of(transfer(0, 0, SINK, 1, 1)));
            a.mineAndConnect(KEYS.get(1), List.of(transfer(0, 1, SINK, 1, 1)));
            for (int i = 0; i < 4; i++) {
                a.chain.importBlock(b.mineAndConnect(KEYS.get(2), List.of(transfer(1, i, SINK, 3, 1))));
            }
            assertThat(a.chain.head().hash()).isEqualTo(b.chain.head().hash());
        }
        try (TestNode reopened = new TestNode(RocksDbChainStore.open(path, TestNode.GENESIS.chainId()));
                TestNode b = new TestNode(InMemoryChainStore.create(TestNode.GENESIS.chainId()))) {
            assertThat(reopened.chain.head().height()).isEqualTo(Height.of(4));
            assertThat(reopened.chain.verifyFromGenesis().ok()).isTrue();
            assertThat(reopened.chain.account(DevAccounts.address(0)).nonce()).isZero();
            assertThat(reopened.chain.account(DevAccounts.address(1)).nonce()).isEqualTo(4);
        }
    }

    @Test
    void keepsEqualOrShorterForkOnSideBranch() {
        try (TestNode a = new TestNode();
                TestNode b = new TestNode()) {
            a.mineAndConnect(KEYS.get(1), List.of());
            a.mineAndConnect(KEYS.get(1), List.of());
            Block side = b.mineAndConnect(KEYS.get(2), List.of());
            assertThat(a.chain.importBlock(side)).isInstanceOf(ImportResult.SideChain.class);
            assertThat(a.chain.head().height()).isEqualTo(Height.of(2));
            assertThat(a.chain.isCanonical(side.hash())).isFalse();
            assertThat(a.chain.block(side.hash())).contains(side);
        }
    }

    @Test
    void rejectsDescendantOfBadBlockWithoutReExecution() {
        try (TestNode node = new TestNode()) {
            Block good = node.mine(KEYS.get(1), List.of(), 10);
            Block bad = new Block(good.header().withProof(new IdleProof(3, 0)), good.transactions());
            assertThat(node.chain.importBlock(bad)).isInstanceOf(ImportResult.Rejected.class);
            var parentTip = node.chain.head().tip();
            var badTip = new ChainTip(
                    bad.hash(), Height.of(1), bad.header().timestamp(), 1, parentTip.timestamp(), parentTip.state());
            Block child = BlockAssembler.mine(
                            badTip,
                            List.of(),
                            KEYS.get(1),
                            bad.header().timestamp() + 10,
                            node.chain.rules(),
                            1_000_000)
                    .orElseThrow();
            assertThat(node.chain.importBlock(child))
                    .isInstanceOfSatisfying(
                            ImportResult.Rejected.class,
                            r -> assertThat(r.detail()).contains("descends from bad block"));
            assertThat(node.metrics.blocksInvalid.count()).isEqualTo(2.0);
        }
    }

    @Test
    void refusesReorganisationDeeperThanGenesisLimit() {
        var base = TestNode.GENESIS;
        var limits = base.limits();
        var shallow = new Genesis(
                base.chainName(),
                base.engine(),
                base.targetBlockSeconds(),
                base.initialDifficulty(),
                base.premine(),
                new ProtocolLimits(
                        limits.maxBlockBytes(),
                        limits.maxTransactions(),
                        limits.maxModelBytes(),
                        limits.maxBlobBytes(),
                        2),
                base.blockSubsidy(),
                base.timestamp());
        try (TestNode a = new TestNode(shallow, InMemoryChainStore.create(shallow.chainId()));
                TestNode b = new TestNode(shallow, InMemoryChainStore.create(shallow.chainId()))) {
            for (int i = 0; i < 3; i++) {
                a.mineAndConnect(KEYS.get(1), List.of());
            }
            List<Block> longer = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                longer.add(b.mineAndConnect(KEYS.get(2), List.of()));
            }
            ImportResult last = null;
            for (Block block : longer) {
                last = a.chain.importBlock(block);
            }
            assertThat(last)
                    .isInstanceOfSatisfying(
                            ImportResult.SideChain.class,
                            s -> assertThat(s.why()).contains("more than 2 blocks"));
            assertThat(a.chain.head().height()).isEqualTo(Height.of(3));
        }
    }
}
