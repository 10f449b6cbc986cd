package io.learnchain.chain.validation;

import static io.learnchain.chain.ChainFixture.CONTEXT;
import static io.learnchain.chain.ChainFixture.RULES;
import static io.learnchain.chain.ChainFixture.address;
import static io.learnchain.chain.ChainFixture.forge;
import static io.learnchain.chain.ChainFixture.genesisTip;
import static io.learnchain.chain.ChainFixture.mine;
import static io.learnchain.chain.ChainFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockProcessorTest {
    private static final Amount FEE = Amount.ofUnits(1000);

    private static Verdict apply(ChainTip parent, Block block) {
        return BlockProcessor.apply(parent, block, RULES, CONTEXT);
    }

    private static ChainTip valid(ChainTip parent, Block block) {
        Verdict v = apply(parent, block);
        assertThat(v).isInstanceOf(Verdict.Valid.class);
        return ((Verdict.Valid) v).tip();
    }

    private static void assertInvalid(Verdict v, InvalidReason reason) {
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class,
                        i -> assertThat(i.reason()).as(i.detail()).isEqualTo(reason));
    }

    @Test
    void appliesTransfersAndPaysSubsidyPlusFeesToTheMiner() {
        ChainTip g = genesisTip();
        Block b1 = mine(
                g,
                List.of(
                        transfer(0, address(1), Amount.ofCoins(5), FEE, 0),
                        transfer(0, address(2), Amount.ofCoins(1), FEE, 1)));
        ChainTip t1 = valid(g, b1);
        assertThat(t1.state().balance(address(0))).isEqualTo(Amount.ofCoins(994).subtract(FEE.multiply(2)));
        assertThat(t1.state().balance(address(1))).isEqualTo(Amount.ofCoins(1005));
        assertThat(t1.state().balance(address(3)))
                .isEqualTo(Amount.ofCoins(1000).add(RULES.blockSubsidy()).add(FEE.multiply(2)));
        assertThat(t1.state().account(address(0)).nonce()).isEqualTo(2);
        assertThat(t1.state().totalSupply()).isEqualTo(g.state().totalSupply().add(RULES.blockSubsidy()));
        assertThat(t1.height()).isEqualTo(Height.of(1));
        Block b2 = mine(t1, List.of(transfer(1, address(0), Amount.ofCoins(3), FEE, 0)));
        assertThat(valid(t1, b2).state().account(address(1)).nonce()).isEqualTo(1);
    }

    @Test
    void rejectsTransferWhenNonceReplayed() {
        ChainTip g = genesisTip();
        SignedTransaction tx = transfer(0, address(1), Amount.ofCoins(5), FEE, 0);
        ChainTip t1 = valid(g, mine(g, List.of(tx)));
        assertInvalid(apply(t1, forge(t1, RULES.blockSubsidy(), List.of(tx), Hash.ZERO)), InvalidReason.NONCE_MISMATCH);
    }

    @Test
    void rejectsBadSignatureWrongChainOverspendAndOverflow() {
        ChainTip g = genesisTip();
        SignedTransaction good = transfer(0, address(1), Amount.ofCoins(5), FEE, 0);
        byte[] sig = good.signature().bytes().toArray();
        sig[10] ^= 1;
        SignedTransaction forged = new SignedTransaction(good.body(), Signature.of(sig));
        assertInvalid(apply(g, forge(g, Amount.ZERO, List.of(forged), Hash.ZERO)), InvalidReason.BAD_TX_SIGNATURE);
        SignedTransaction otherChain =
                ChainFixture.transfer(Hash.sha256(new byte[] {1}), 0, address(1), Amount.ofCoins(5), FEE, 0);
        assertInvalid(apply(g, forge(g, Amount.ZERO, List.of(otherChain), Hash.ZERO)), InvalidReason.WRONG_CHAIN_ID);
        SignedTransaction overspend = transfer(0, address(1), Amount.ofCoins(1000), FEE, 0);
        assertInvalid(
                apply(g, forge(g, Amount.ZERO, List.of(overspend), Hash.ZERO)), InvalidReason.INSUFFICIENT_BALANCE);
        SignedTransaction overflow = transfer(0, address(1), Amount.MAX, Amount.ofUnits(1), 0);
        assertInvalid(apply(g, forge(g, Amount.ZERO, List.of(overflow), Hash.ZERO)), InvalidReason.OVERFLOW);
    }

    @Test
    void rejectsCoinbaseClaimingMoreThanSubsidyAndFees() {
        ChainTip g = genesisTip();
        Block b = forge(g, RULES.blockSubsidy().add(Amount.ofUnits(1)), List.of(), Hash.ZERO);
        assertInvalid(apply(g, b), InvalidReason.COINBASE_TOO_LARGE);
    }

    @Test
    void acceptsCoinbaseClaimingLessAndBurnsTheRest() {
        ChainTip g = genesisTip();
        var delta = new StateDelta(g.state());
        delta.put(address(3), g.state().account(address(3)).credit(Amount.ofUnits(7)));
        Block b = forge(g, Amount.ofUnits(7), List.of(), delta.commit().root());
        assertThat(apply(g, b)).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void rejectsMissingSecondAndWrongHeightCoinbase() {
        ChainTip g = genesisTip();
        assertInvalid(apply(g, forge(g, null, List.of(), Hash.ZERO)), InvalidReason.MISSING_COINBASE);
        Coinbase extra = new Coinbase(Height.of(1), address(2), Amount.ZERO);
        assertInvalid(apply(g, forge(g, Amount.ZERO, List.of(extra), Hash.ZERO)), InvalidReason.MISPLACED_COINBASE);
        Coinbase wrongHeight = new Coinbase(Height.of(5), address(2), Amount.ZERO);
        assertInvalid(apply(g, forge(g, null, List.of(wrongHeight), Hash.ZERO)), InvalidReason.COINBASE_WRONG_HEIGHT);
    }

    @Test
    void rejectsWrongStateRoot() {
        ChainTip g = genesisTip();
        assertInvalid(apply(g, forge(g, Amount.ZERO, List.of(), Hash.ZERO)), InvalidReason.STATE_ROOT_MISMATCH);
    }

    @Test
    void rejectsHeaderThatDoesNotFitItsParent() {
        ChainTip g = genesisTip();
        Block b1 = mine(g, List.of());
        ChainTip t1 = valid(g, b1);
        assertInvalid(apply(t1, b1), InvalidReason.WRONG_PREVIOUS);
        BlockHeader h = b1.header();
        assertInvalid(apply(g, resign(with(h, Height.of(2), h.timestamp()), b1)), InvalidReason.WRONG_HEIGHT);
        assertInvalid(
                apply(g, resign(with(h, h.height(), g.timestamp() - 1), b1)), InvalidReason.TIMESTAMP_BEFORE_PARENT);
        assertInvalid(apply(g, resign(h.withProof(new IdleProof(2, 0)), b1)), InvalidReason.WRONG_DIFFICULTY);
        BlockHeader unsigned = new BlockHeader(
                h.version(),
                h.height(),
                h.previous(),
                h.timestamp(),
                h.miner(),
                h.txRoot(),
                h.stateRoot(),
                h.proof(),
                Signature.NONE);
        assertInvalid(apply(g, new Block(unsigned, b1.transactions())), InvalidReason.BAD_BLOCK_SIGNATURE);
        List<Transaction> reordered = new ArrayList<>(b1.transactions());
        reordered.add(ChainFixture.transfer(0, address(1), Amount.ofCoins(1), FEE, 0));
        assertInvalid(apply(g, new Block(h, reordered)), InvalidReason.TX_ROOT_MISMATCH);
    }

    @Test
    void isUndecidedNotInvalidWhenTheTimestampIsInTheFuture() {
        ChainTip g = genesisTip();
        Block b1 = mine(g, List.of());
        Verdict v = BlockProcessor.apply(g, b1, RULES, ValidationContext.at(g.timestamp() - 100));
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Undecided.class,
                        u -> assertThat(u.reason()).isEqualTo(UndecidedReason.FUTURE_TIMESTAMP));
        assertThat(BlockProcessor.apply(
                        g, b1, RULES, ValidationContext.at(b1.header().timestamp())))
                .isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void rejectsBlockWithTooLittleWork() {
        var genesis = Genesis.devnet(2, Amount.ofCoins(10), 1L << 40, 0);
        ChainRules rules = ChainRules.of(genesis);
        ChainTip g = ChainTip.genesis(genesis);
        var template = BlockAssembler.assemble(
                g, List.of(), ChainFixture.KEYS[3].publicKey(), address(3), 10, rules, SignatureVerifier.ED25519);
        // nonce 0 of a 2^40 difficulty fails with overwhelming probability
        Block b = new Block(template.header().signedBy(ChainFixture.KEYS[3]), template.transactions());
        Verdict v = BlockProcessor.apply(g, b, rules, ValidationContext.at(10));
        assertInvalid(v, InvalidReason.INSUFFICIENT_WORK);
    }

    private static BlockHeader with(BlockHeader h, Height height, long timestamp) {
        return new BlockHeader(
                h.version(),
                height,
                h.previous(),
                timestamp,
                h.miner(),
                h.txRoot(),
                h.stateRoot(),
                h.proof(),
                Signature.NONE);
    }

    private static Block resign(BlockHeader header, Block original) {
        return ChainFixture.sealAndSign(header, original.transactions());
    }
}
