package io.learnchain.node.chain;

import static io.learnchain.node.chain.TestNode.KEYS;
import static io.learnchain.node.chain.TestNode.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.TaskStatus;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.node.storage.Column;
import io.learnchain.node.storage.InMemoryChainStore;
import io.learnchain.node.storage.InMemoryKeyValueStore;
import io.learnchain.node.storage.RocksDbChainStore;
import io.learnchain.node.storage.StoreCorruptedException;
import io.learnchain.node.storage.WriteSet;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pole task book is stored with the accounts, undone on reorganisations and checked at open. */
class TaskStatePersistenceTest {
    private static final int REQUESTER = 1;

    @TempDir
    Path dir;

    static SignedTransaction postTask(long nonce) {
        List<Hash> shards = IntStream.range(0, 4)
                .mapToObj(i -> Hash.sha256(new byte[] {(byte) i}))
                .toList();
        PostTask task = new PostTask(
                PredefinedModels.MLP_SMALL.text(),
                Hash.sha256(new byte[] {9}),
                5000,
                3,
                Amount.ofCoins(10),
                60,
                0,
                600,
                shards);
        KeyPair k = KEYS.get(REQUESTER);
        return SignedTransaction.sign(
                new TxBody(TestNode.GENESIS.chainId(), k.publicKey(), nonce, Amount.ZERO, task), k);
    }

    /** A forfeit block of the open round on the node's tip (the requester never revealed). */
    static Block forfeit(TestNode node) {
        ChainTip tip = node.chain.head().tip();
        Round.Learning round = (Round.Learning) RoundDriver.round(tip, node.chain.rules());
        return CandidateBlockBuilder.forfeit(
                        tip,
                        node.chain.rules(),
                        round,
                        KEYS.get(2),
                        List.of(),
                        tip.timestamp() + 600,
                        SignatureVerifier.ED25519,
                        1_000_000)
                .orElseThrow();
    }

    /** A node whose chain is in RocksDB at {@code path}. */
    private static TestNode onDisk(Path path) {
        return new TestNode(RocksDbChainStore.open(path, TestNode.GENESIS.chainId()));
    }

    /** Task 1 at the node's tip. */
    private static TaskState taskOne(TestNode node) {
        return node.chain.head().tip().state().tasks().get(1).orElseThrow();
    }

    @Test
    void keepsPostedAndForfeitedTaskAcrossReopen() {
        Path path = dir.resolve("chain");
        Hash stateRoot;
        try (TestNode node = onDisk(path)) {
            node.mineAndConnect(KEYS.get(2), List.of(postTask(0)));
            assertThat(node.chain.importBlock(forfeit(node))).isInstanceOf(ImportResult.Connected.class);
            stateRoot = node.chain.head().tip().state().root();
            assertThat(node.chain.head().tip().state().tasks().get(1)).hasValueSatisfying(t -> {
                assertThat(t.forfeits()).isEqualTo(1);
                assertThat(t.status()).isEqualTo(TaskStatus.OPEN);
            });
        }
        try (TestNode reopened = onDisk(path)) {
            assertThat(reopened.chain.head().height()).isEqualTo(Height.of(2));
            assertThat(reopened.chain.head().tip().state().root()).isEqualTo(stateRoot);
            assertThat(reopened.chain.head().tip().state().tasks().nextId()).isEqualTo(2);
            assertThat(reopened.chain.verifyFromGenesis().ok()).isTrue();
            assertThat(reopened.chain.importBlock(forfeit(reopened))).isInstanceOf(ImportResult.Connected.class);
            assertThat(taskOne(reopened).status()).isEqualTo(TaskStatus.CLOSED_FORFEITED);
        }
    }

    @Test
    void theRefundOfATaskClosedByForfeitsSurvivesAReopen() {
        // the requester is in no transaction of the closing block: its refund must still be written
        Path path = dir.resolve("closed");
        Hash stateRoot;
        try (TestNode node = onDisk(path)) {
            node.mineAndConnect(KEYS.get(2), List.of(postTask(0)));
            assertThat(node.chain.importBlock(forfeit(node))).isInstanceOf(ImportResult.Connected.class);
            assertThat(node.chain.importBlock(forfeit(node))).isInstanceOf(ImportResult.Connected.class);
            assertThat(taskOne(node).status()).isEqualTo(TaskStatus.CLOSED_FORFEITED);
            stateRoot = node.chain.head().tip().state().root();
        }
        try (TestNode reopened = onDisk(path)) {
            assertThat(reopened.chain.head().tip().state().root()).isEqualTo(stateRoot);
            assertThat(reopened.chain.verifyFromGenesis().ok()).isTrue();
        }
    }

    @Test
    void reorganisationUndoesAndRedoesTaskPosting() {
        try (TestNode a = new TestNode();
                TestNode b = new TestNode();
                TestNode c = new TestNode()) {
            a.mineAndConnect(KEYS.get(2), List.of(postTask(0)));
            a.chain.importBlock(forfeit(a));
            for (int i = 0; i < 3; i++) {
                a.chain.importBlock(
                        b.mineAndConnect(KEYS.get(3), List.of(transfer(0, i, DevAccounts.address(7), 5, 1))));
            }
            assertThat(a.chain.head().hash()).isEqualTo(b.chain.head().hash());
            assertThat(a.chain.head().tip().state().tasks().isPristine()).isTrue();
            assertThat(a.store.taskNextId()).isEmpty();
            assertThat(a.chain.verifyFromGenesis().ok()).isTrue();

            // Back onto a longer branch holding the task: posted again, forfeited twice (closed).
            c.mineAndConnect(KEYS.get(2), List.of(postTask(0)));
            c.chain.importBlock(forfeit(c));
            c.chain.importBlock(forfeit(c));
            c.mineAndConnect(KEYS.get(2), List.of());
            for (Block blk : List.of(
                    c.chain.blockAt(Height.of(1)).orElseThrow(),
                    c.chain.blockAt(Height.of(2)).orElseThrow(),
                    c.chain.blockAt(Height.of(3)).orElseThrow(),
                    c.chain.blockAt(Height.of(4)).orElseThrow())) {
                a.chain.importBlock(blk);
            }
            assertThat(a.chain.head().hash()).isEqualTo(c.chain.head().hash());
            assertThat(a.chain.head().tip().state().root())
                    .isEqualTo(c.chain.head().tip().state().root());
            assertThat(a.chain.head().tip().state().tasks().get(1).orElseThrow().status())
                    .isEqualTo(TaskStatus.CLOSED_FORFEITED);
            assertThat(a.chain.verifyFromGenesis().ok()).isTrue();
        }
    }

    @Test
    void refusesToOpenWhenStoredTaskDisagreesWithStateRoot() {
        InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
        TestNode node = new TestNode(InMemoryChainStore.over(kv, TestNode.GENESIS.chainId()));
        node.mineAndConnect(KEYS.get(2), List.of(postTask(0)));
        node.events.close(); // the store stays open: the damage below is written into it
        kv.write(new WriteSet().delete(Column.TASKS, TaskRecords.key(1).unsafeArray()));
        assertThatThrownBy(() -> new TestNode(InMemoryChainStore.over(kv, TestNode.GENESIS.chainId())))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("(accounts and tasks) has root");
    }
}
