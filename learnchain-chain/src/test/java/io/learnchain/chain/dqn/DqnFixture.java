package io.learnchain.chain.dqn;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.rl.DqnTrainingRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A dqn dev chain for chain tests: 4 dev accounts, R_max 10 coins, a fixed genesis time. */
final class DqnFixture {
    static final long GENESIS_TIME = 1_767_225_600L;
    static final ValidationContext CONTEXT = ValidationContext.at(GENESIS_TIME + 1_000_000);
    static final KeyPair[] KEYS = {DevAccounts.keys(0), DevAccounts.keys(1), DevAccounts.keys(2), DevAccounts.keys(3)};

    final Genesis genesis;
    final ChainRules rules;

    DqnFixture(String environment, ForkOption option) {
        genesis = Genesis.dqnDevnet(4, environment, option, Amount.ofCoins(10), GENESIS_TIME);
        rules = ChainRules.of(genesis);
    }

    ChainTip genesisTip() {
        return ChainTip.genesis(genesis);
    }

    /** A record as a miner would publish it (chain validation does not replay it). */
    static DqnTrainingRecord record(long height) {
        Hash before = Hash.sha256(("weights " + height).getBytes(StandardCharsets.US_ASCII));
        Hash after = Hash.sha256(("weights " + (height + 1)).getBytes(StandardCharsets.US_ASCII));
        return new DqnTrainingRecord(before, after, before, height, List.of(height * 31, height * 37));
    }

    /** The action the vector chains take at height {@code h}: a fixed pseudo-random pattern. */
    static int action(long h, int actions) {
        return (int) ((7 * h + h / 3) % actions);
    }

    Block block(ChainTip parent, int miner, int action, List<SignedTransaction> txs) {
        return DqnBlockBuilder.build(
                parent,
                rules,
                KEYS[miner],
                action,
                record(parent.height().value()),
                txs,
                parent.timestamp() + 1,
                SignatureVerifier.ED25519);
    }

    /** Connects {@code block} on {@code parent}, failing if it is not valid. */
    ChainTip connect(ChainTip parent, Block block) {
        Verdict v = BlockProcessor.apply(parent, block, rules, CONTEXT);
        if (!(v instanceof Verdict.Valid valid)) {
            throw new AssertionError("block at " + block.header().height() + " is not valid: " + v);
        }
        return valid.tip();
    }

    /** A chain of {@code n} valid blocks from genesis with the fixed action pattern, miners in turn. */
    List<Block> chain(int n) {
        List<Block> blocks = new ArrayList<>();
        ChainTip tip = genesisTip();
        int actions = rules.dqn().orElseThrow().env().actionCount();
        for (int i = 0; i < n; i++) {
            Block b = block(tip, i % 4, action(i, actions), List.of());
            tip = connect(tip, b);
            blocks.add(b);
        }
        return blocks;
    }

    ChainTip replay(List<Block> blocks) {
        ChainTip tip = genesisTip();
        for (Block b : blocks) {
            tip = connect(tip, b);
        }
        return tip;
    }

    /** {@code block} with its proof replaced and re-signed by its miner (a miner forging its own block). */
    static Block resign(Block block, DqnProof proof, KeyPair miner) {
        BlockHeader h = block.header().withProof(proof);
        return new Block(h.signedBy(miner), block.transactions());
    }

    static KeyPair minerOf(Block block) {
        for (KeyPair k : KEYS) {
            if (k.publicKey().equals(block.header().miner())) {
                return k;
            }
        }
        throw new AssertionError("not a fixture miner");
    }
}
