package io.learnchain.node.chain;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.node.clock.ManualClock;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.mempool.AdmissionRules;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.ChainStore;
import io.learnchain.node.storage.InMemoryChainStore;
import java.util.List;
import java.util.stream.IntStream;

/** A chain service on in-memory (or given) stores, with helpers to mine and sign; for tests. */
public final class TestNode implements AutoCloseable {
    public static final Genesis GENESIS = Genesis.devnet();
    public static final List<KeyPair> KEYS =
            IntStream.range(0, 4).mapToObj(DevAccounts::keys).toList();
    public static final long START_SECONDS = 1_700_000_000L;

    public final ChainStore store;
    public final Mempool mempool;
    public final EventBus events = new EventBus(1024);
    public final NodeMetrics metrics = new NodeMetrics();
    public final ManualClock clock = new ManualClock((START_SECONDS + 1_000_000) * 1000);
    public final ChainService chain;

    public TestNode(ChainStore store) {
        this(GENESIS, store);
    }

    public TestNode(Genesis genesis, ChainStore store) {
        this.store = store;
        this.mempool = new Mempool(
                MempoolConfig.DEFAULT, new AdmissionRules(ChainRules.of(genesis), SignatureVerifier.ED25519));
        this.chain = ChainService.open(genesis, store, mempool, events, metrics, clock);
    }

    public TestNode() {
        this(InMemoryChainStore.create(GENESIS.chainId()));
    }

    public static SignedTransaction transfer(int from, long nonce, Address to, long units, long fee) {
        KeyPair keys = KEYS.get(from);
        return SignedTransaction.sign(
                new TxBody(
                        GENESIS.chainId(),
                        keys.publicKey(),
                        nonce,
                        Amount.ofUnits(fee),
                        new Transfer(to, Amount.ofUnits(units))),
                keys);
    }

    /** Assembles and seals a block on this node's tip, {@code seconds} after the tip, without importing it. */
    public Block mine(KeyPair miner, List<SignedTransaction> txs, long secondsAfterTip) {
        long timestamp = Math.max(chain.head().tip().timestamp(), START_SECONDS) + secondsAfterTip;
        return BlockAssembler.mine(chain.head().tip(), txs, miner, timestamp, chain.rules(), 1_000_000)
                .orElseThrow(() -> new AssertionError("no nonce found at the dev difficulty"));
    }

    /** Mines on the tip and imports; fails the test if the block does not connect. */
    public Block mineAndConnect(KeyPair miner, List<SignedTransaction> txs) {
        Block block = mine(miner, txs, 10);
        ImportResult result = chain.importBlock(block);
        if (!(result instanceof ImportResult.Connected)) {
            throw new AssertionError("block did not connect: " + result);
        }
        return block;
    }

    @Override
    public void close() {
        events.close();
        store.close();
    }
}
