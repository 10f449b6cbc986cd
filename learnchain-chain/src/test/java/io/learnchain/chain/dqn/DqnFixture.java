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
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dqn dev chain for chain tests: 4 dev accounts, 10 coins per reward unit, a fixed genesis time,
 * 1 s slots. It remembers the header of every block it builds, so its validation context rebuilds
 * the proposers' public learners as a node does from its store.
 */
final class DqnFixture {
    static final long GENESIS_TIME = 1_767_225_600L;
    static final long NOW = GENESIS_TIME + 1_000_000;
    static final KeyPair[] KEYS = {DevAccounts.keys(0), DevAccounts.keys(1), DevAccounts.keys(2), DevAccounts.keys(3)};

    final Genesis genesis;
    final ChainRules rules;
    final Map<Hash, BlockHeader> headers = new HashMap<>();
    final LearnerCache learners;

    DqnFixture(String environment, ForkOption option) {
        this(Genesis.dqnDevnet(4, environment, option, Amount.ofCoins(10), GENESIS_TIME));
    }

    DqnFixture(Genesis genesis) {
        this.genesis = genesis;
        rules = ChainRules.of(genesis);
        learners = new LearnerCache(genesis.dqn().orElseThrow(), genesis.chainId(), ComputePool.serial(), 4096);
    }

    /** Validation at {@link #NOW}, rebuilding learners from the blocks this fixture built or {@link #know}s. */
    ValidationContext context() {
        return context(NOW);
    }

    ValidationContext context(long now) {
        return ValidationContext.at(now).withLearners(learners.over(h -> Optional.ofNullable(headers.get(h))));
    }

    /** Lets the context find {@code block}'s header (a block built elsewhere). */
    Block know(Block block) {
        headers.put(block.hash(), block.header());
        return block;
    }

    /** What {@code miner}'s child of {@code parent} must carry. */
    DqnLearners.Work work(ChainTip parent, int miner) {
        return learners.over(h -> Optional.ofNullable(headers.get(h)))
                .work(parent.hash(), KEYS[miner].publicKey())
                .orElseThrow();
    }

    ChainTip genesisTip() {
        return ChainTip.genesis(genesis);
    }

    /** {@code miner}'s honest block on {@code parent}: its public learner's action and record. */
    Block block(ChainTip parent, int miner, List<SignedTransaction> txs) {
        return block(parent, miner, work(parent, miner).action(), txs);
    }

    /** {@code miner}'s block on {@code parent} with {@code action} (its learner's record): not its policy's unless equal. */
    Block block(ChainTip parent, int miner, int action, List<SignedTransaction> txs) {
        return know(DqnBlockBuilder.build(
                parent,
                rules,
                KEYS[miner],
                action,
                work(parent, miner).record(),
                txs,
                parent.timestamp() + rules.targetBlockSeconds(),
                SignatureVerifier.ED25519));
    }

    /** Connects {@code block} on {@code parent}, failing if it is not valid. */
    ChainTip connect(ChainTip parent, Block block) {
        Verdict v = BlockProcessor.apply(parent, block, rules, context());
        if (!(v instanceof Verdict.Valid valid)) {
            throw new AssertionError("block at " + block.header().height() + " is not valid: " + v);
        }
        return valid.tip();
    }

    /** A chain of {@code n} valid blocks from genesis, miners in turn, each acting by its policy. */
    List<Block> chain(int n) {
        List<Block> blocks = new ArrayList<>();
        ChainTip tip = genesisTip();
        for (int i = 0; i < n; i++) {
            Block b = block(tip, i % 4, List.of());
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
    Block resign(Block block, DqnProof proof, KeyPair miner) {
        BlockHeader h = block.header().withProof(proof);
        return know(new Block(h.signedBy(miner), block.transactions()));
    }

    /** {@code block} stamped {@code timestamp} and re-signed by its miner. */
    Block restamp(Block block, long timestamp) {
        return know(new Block(block.header().withTimestamp(timestamp).signedBy(minerOf(block)), block.transactions()));
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
