package io.learnchain.chain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.Premine;
import io.learnchain.chain.genesis.ProtocolLimits;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Speed of the state transition on a 1000-transaction block from 100 senders (10 each), with and without
 * signature checks (a node that verified signatures at mempool admission may skip the repeat).
 * Prints the figures; asserts only loose bounds so a slow CI machine does not fail it.
 */
class BlockProcessingSpeedTest {

    @Test
    void appliesAThousandTransferBlockQuickly() {
        int n = 1000;
        int senders = 100;
        long start = System.nanoTime();
        List<KeyPair> keys = new ArrayList<>();
        List<Premine> premine = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            KeyPair k = KeyPair.fromSeed(Hash.sha256(("speed " + i).getBytes()).toArray());
            keys.add(k);
            premine.add(new Premine(Address.of(k.publicKey()), Amount.ofCoins(10)));
        }
        Genesis genesis =
                new Genesis("speed", Engine.IDLE, 10, 1, premine, ProtocolLimits.DEFAULT, Amount.ofCoins(50), 0);
        ChainRules rules = ChainRules.of(genesis);
        ChainTip tip = ChainTip.genesis(genesis);
        List<SignedTransaction> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            KeyPair from = keys.get(i % senders);
            Address to = Address.of(keys.get((i + 1) % senders).publicKey());
            txs.add(SignedTransaction.sign(
                    new TxBody(
                            rules.chainId(),
                            from.publicKey(),
                            i / senders,
                            Amount.ofUnits(10),
                            new Transfer(to, Amount.ofCoins(1))),
                    from));
        }
        System.out.printf("100 key pairs + 1000 signatures: %.0f ms%n", (System.nanoTime() - start) / 1e6);
        Block block =
                BlockAssembler.mine(tip, txs, keys.getFirst(), 10, rules, 10).orElseThrow();
        assertThat(block.transactions()).hasSize(n + 1);
        ValidationContext full = ValidationContext.at(100);
        ValidationContext cached = new ValidationContext(100, tx -> true);
        long bestFull = Long.MAX_VALUE;
        long bestCached = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            assertThat(BlockProcessor.apply(tip, block, rules, cached)).isInstanceOf(Verdict.Valid.class);
            bestCached = Math.min(bestCached, System.nanoTime() - t0);
        }
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            assertThat(BlockProcessor.apply(tip, block, rules, full)).isInstanceOf(Verdict.Valid.class);
            bestFull = Math.min(bestFull, System.nanoTime() - t0);
        }
        System.out.printf(
                "1000-tx block: %.1f ms with signature checks, %.1f ms with verified signatures%n",
                bestFull / 1e6, bestCached / 1e6);
        assertThat(bestCached / 1e6).isLessThan(500);
    }
}
