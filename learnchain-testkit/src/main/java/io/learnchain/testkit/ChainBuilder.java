package io.learnchain.testkit;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Height;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.validation.BlockProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds valid chains of idle blocks for tests, with safe defaults: the devnet genesis (10 public
 * dev accounts of 1,000,000 coins, difficulty 1 so sealing is instant), blocks 10 s apart, mined
 * by dev account 9. Every block is checked by the real {@link BlockProcessor} before it is
 * appended, so a builder never hands out an invalid chain. Not thread-safe.
 *
 * <pre>
 *   ChainBuilder chain = ChainBuilder.devnet();
 *   chain.addBlock(chain.transfer(0, 1, Amount.ofCoins(5)));
 *   chain.addEmptyBlocks(3);
 *   ChainBuilder fork = chain.forkAt(Height.of(2)).minedBy(8);
 * </pre>
 */
public final class ChainBuilder {
    public static final long DEFAULT_GENESIS_TIME = 1_767_225_600L;
    public static final Amount DEFAULT_FEE = Amount.ofUnits(1_000);

    private final Genesis genesis;
    private final ChainRules rules;
    private final List<Block> blocks;
    private final List<ChainTip> tips;
    private final long[] nextNonce;
    private int minerIndex = DevAccounts.DEFAULT_COUNT - 1;
    private long blockSeconds = 10;

    private ChainBuilder(Genesis genesis, List<Block> blocks, List<ChainTip> tips, long[] nextNonce) {
        this.genesis = genesis;
        this.rules = ChainRules.of(genesis);
        this.blocks = blocks;
        this.tips = tips;
        this.nextNonce = nextNonce;
    }

    public static ChainBuilder devnet() {
        return of(Genesis.devnet(DevAccounts.DEFAULT_COUNT, Amount.ofCoins(1_000_000), 1, DEFAULT_GENESIS_TIME));
    }

    /** A builder over any genesis with difficulty low enough to seal quickly. */
    public static ChainBuilder of(Genesis genesis) {
        List<ChainTip> tips = new ArrayList<>();
        tips.add(ChainTip.genesis(genesis));
        return new ChainBuilder(genesis, new ArrayList<>(), tips, new long[DevAccounts.DEFAULT_COUNT * 10]);
    }

    /** Later blocks are mined (and their coinbase paid) by dev account {@code index}. */
    public ChainBuilder minedBy(int index) {
        this.minerIndex = index;
        return this;
    }

    public ChainBuilder blockSeconds(long seconds) {
        this.blockSeconds = seconds;
        return this;
    }

    public static KeyPair keys(int devAccount) {
        return DevAccounts.keys(devAccount);
    }

    public static Address address(int devAccount) {
        return DevAccounts.address(devAccount);
    }

    /** A signed transfer between dev accounts with the sender's next nonce on this chain (tracked here). */
    public SignedTransaction transfer(int from, int to, Amount amount) {
        return transfer(from, address(to), amount, DEFAULT_FEE);
    }

    public SignedTransaction transfer(int from, Address to, Amount amount, Amount fee) {
        KeyPair k = keys(from);
        TxBody body = new TxBody(rules.chainId(), k.publicKey(), nextNonce[from]++, fee, new Transfer(to, amount));
        return SignedTransaction.sign(body, k);
    }

    /** Mines a block with {@code txs} (all must apply) on the tip, validates it and appends it. */
    public Block addBlock(SignedTransaction... txs) {
        ChainTip parent = tip();
        Block block = BlockAssembler.mine(
                        parent,
                        Arrays.asList(txs),
                        keys(minerIndex),
                        parent.timestamp() + blockSeconds,
                        rules,
                        10_000_000)
                .orElseThrow(() -> new IllegalStateException(
                        "no nonce in 10M tries: use a genesis with a low initial difficulty in tests"));
        if (block.transactions().size() != txs.length + 1) {
            throw new IllegalArgumentException("only " + (block.transactions().size() - 1) + " of " + txs.length
                    + " transactions apply on height " + parent.height() + ": check nonces and balances");
        }
        return append(block);
    }

    public ChainBuilder addEmptyBlocks(int count) {
        for (int i = 0; i < count; i++) {
            addBlock();
        }
        return this;
    }

    /** Validates {@code block} on the tip with the real processor and appends it; throws if it is not valid. */
    public Block append(Block block) {
        Verdict verdict = BlockProcessor.apply(tip(), block, rules, context());
        if (!(verdict instanceof Verdict.Valid valid)) {
            throw new IllegalStateException(
                    "block " + block.hash().shortHex() + " is not valid on height " + tip().height() + ": " + verdict);
        }
        blocks.add(block);
        tips.add(valid.tip());
        return block;
    }

    /**
     * A new builder sharing this chain up to {@code height} (0 = genesis). Nonces continue from
     * this builder's counters; mine the fork with another account or timing to make it differ.
     */
    public ChainBuilder forkAt(Height height) {
        int h = Math.toIntExact(height.value());
        if (h > blocks.size()) {
            throw new IllegalArgumentException("cannot fork at " + height + ": the chain is at " + tip().height());
        }
        ChainBuilder fork = new ChainBuilder(
                genesis,
                new ArrayList<>(blocks.subList(0, h)),
                new ArrayList<>(tips.subList(0, h + 1)),
                nextNonce.clone());
        fork.minerIndex = minerIndex;
        fork.blockSeconds = blockSeconds;
        return fork;
    }

    /** A context whose clock is far enough ahead that no block here is from the future. */
    public ValidationContext context() {
        return ValidationContext.at(tip().timestamp() + 1_000_000);
    }

    public Genesis genesis() {
        return genesis;
    }

    public ChainRules rules() {
        return rules;
    }

    public ChainTip tip() {
        return tips.getLast();
    }

    public ChainTip tipAt(Height height) {
        return tips.get(Math.toIntExact(height.value()));
    }

    public WorldState state() {
        return tip().state();
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    public Block block(Height height) {
        if (height.isGenesis()) {
            throw new IllegalArgumentException("height 0 is the genesis, not a block");
        }
        return blocks.get(Math.toIntExact(height.value()) - 1);
    }
}
