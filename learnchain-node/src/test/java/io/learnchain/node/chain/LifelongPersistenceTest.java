package io.learnchain.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.state.LifelongStatus;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Initializer;
import io.learnchain.node.clock.ManualClock;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.mempool.AdmissionRules;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.RocksDbChainStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifelong registry survives a restart (stored per block with the accounts). */
class LifelongPersistenceTest {
    private static final ModelSpec SPEC = ModelSpec.parse("input 2 | dense 3");
    private final Map<Hash, byte[]> blobs = new HashMap<>();

    @TempDir
    Path dir;

    private ChainService open(ChainStore store) {
        var genesis = TestNode.GENESIS;
        Mempool mempool = new Mempool(
                MempoolConfig.DEFAULT, new AdmissionRules(ChainRules.of(genesis), SignatureVerifier.ED25519));
        return ChainService.open(
                genesis,
                store,
                mempool,
                new EventBus(64),
                new NodeMetrics(),
                new ManualClock((TestNode.START_SECONDS + 1_000_000) * 1000),
                SignatureVerifier.ED25519,
                BlobView.of(blobs),
                ComputePool.serial());
    }

    private static SignedTransaction tx(ChainService chain, Payload p) {
        KeyPair k = DevAccounts.keys(1);
        long nonce = chain.head().tip().state().account(DevAccounts.address(1)).nonce();
        return SignedTransaction.sign(new TxBody(chain.genesis().chainId(), k.publicKey(), nonce, Amount.ZERO, p), k);
    }

    private void mine(ChainService chain, List<SignedTransaction> txs) {
        var tip = chain.head().tip();
        Block b = BlockAssembler.mine(
                        tip,
                        txs,
                        DevAccounts.keys(2),
                        Math.max(tip.timestamp(), TestNode.START_SECONDS) + 10,
                        chain.rules(),
                        1_000_000,
                        new LifelongEnv(BlobView.of(blobs), ComputePool.serial()))
                .orElseThrow();
        assertThat(chain.importBlock(b)).isInstanceOf(ImportResult.Connected.class);
    }

    private Hash put(byte[] bytes) {
        Hash h = Hash.sha256(bytes);
        blobs.put(h, bytes);
        return h;
    }

    /** Deploys a model, reveals its part and mines one more block on a RocksDB chain at {@code path}; the state root. */
    private Hash deployRevealAndMine(Path path) {
        Model initial = Initializer.initialize(SPEC, 1);
        put(initial.canonicalBytes());
        Hash part = put(DatasetCodec.encode(
                new Dataset("p", new int[] {2}, 3, new float[] {1, 0, 0, 1, 1, 1}, new int[] {0, 1, 2})));
        try (ChainStore store = RocksDbChainStore.open(path, TestNode.GENESIS.chainId())) {
            ChainService chain = open(store);
            mine(chain, List.of(tx(chain, new DeployModel(SPEC.text(), initial.hash(), 0, 1, 1, 2, 5, List.of(part)))));
            mine(chain, List.of(tx(chain, new RevealParts(1))));
            mine(chain, List.of());
            assertThat(chain.head()
                            .tip()
                            .state()
                            .lifelong()
                            .get(1)
                            .orElseThrow()
                            .status())
                    .isEqualTo(LifelongStatus.ACTIVE);
            return chain.head().tip().state().root();
        }
    }

    @Test
    void keepsTheLifelongRegistryAcrossReopen() {
        Path path = dir.resolve("chain");
        Hash root = deployRevealAndMine(path);
        try (ChainStore store = RocksDbChainStore.open(path, TestNode.GENESIS.chainId())) {
            ChainService chain = open(store);
            assertThat(chain.head().tip().state().root()).isEqualTo(root);
            assertThat(chain.head()
                            .tip()
                            .state()
                            .lifelong()
                            .get(1)
                            .orElseThrow()
                            .loss())
                    .isPositive();
            assertThat(chain.verifyFromGenesis().ok()).isTrue();
            mine(chain, List.of());
        }
    }

    @Test
    void reindexReExecutesLifelongBlocksWithTheirBlobs() {
        Path path = dir.resolve("chain");
        Hash root = deployRevealAndMine(path);
        try (ChainStore store = RocksDbChainStore.openForRepair(path, TestNode.GENESIS.chainId())) {
            ChainReindexer.Result blind = new ChainReindexer(TestNode.GENESIS, store).reindex(h -> {});
            assertThat(blind.blocksConnected()).isZero(); // the deploy already needs the weights' bytes
            assertThat(blind.cutShort())
                    .hasValueSatisfying(why -> assertThat(why).contains("does not verify"));
            ChainReindexer.Result full = new ChainReindexer(
                            TestNode.GENESIS, store, BlobView.of(blobs), ComputePool.serial())
                    .reindex(h -> {});
            assertThat(full.blocksConnected()).isEqualTo(3);
            assertThat(full.cutShort()).isEmpty();
        }
        try (ChainStore store = RocksDbChainStore.open(path, TestNode.GENESIS.chainId())) {
            assertThat(open(store).head().tip().state().root()).isEqualTo(root);
        }
    }
}
