package io.learnchain.chain.validation;

import static io.learnchain.chain.ChainFixture.RULES;
import static io.learnchain.chain.ChainFixture.address;
import static io.learnchain.chain.ChainFixture.genesisTip;
import static io.learnchain.chain.ChainFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.transition.BlockTemplate;
import io.learnchain.chain.transition.TransactionAdmission;
import io.learnchain.chain.tx.SignedTransaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionAdmissionTest {
    private static final Amount FEE = Amount.ofUnits(100);

    private static TxResult check(SignedTransaction tx, WorldState state) {
        return TransactionAdmission.check(tx, state, RULES, SignatureVerifier.ED25519);
    }

    private static void assertRejected(TxResult r, InvalidReason reason) {
        assertThat(r)
                .isInstanceOfSatisfying(
                        TxResult.Rejected.class, x -> assertThat(x.reason()).isEqualTo(reason));
    }

    @Test
    void admitsFutureNoncesButNotSpentOnes() {
        ChainTip g = genesisTip();
        assertThat(check(transfer(0, address(1), Amount.ofCoins(1), FEE, 0), g.state()))
                .isEqualTo(new TxResult.Applied(FEE));
        assertThat(check(transfer(0, address(1), Amount.ofCoins(1), FEE, 3), g.state()))
                .isInstanceOf(TxResult.Applied.class);
        ChainTip t1 = ((Verdict.Valid) BlockProcessor.apply(
                        g,
                        ChainFixture.mine(g, List.of(transfer(0, address(1), Amount.ofCoins(1), FEE, 0))),
                        RULES,
                        ChainFixture.CONTEXT))
                .tip();
        assertRejected(
                check(transfer(0, address(1), Amount.ofCoins(1), FEE, 0), t1.state()), InvalidReason.NONCE_TOO_LOW);
    }

    @Test
    void rejectsBadSignatureWrongChainAndOverspend() {
        WorldState s = genesisTip().state();
        SignedTransaction good = transfer(0, address(1), Amount.ofCoins(1), FEE, 0);
        assertRejected(check(new SignedTransaction(good.body(), Signature.NONE), s), InvalidReason.BAD_TX_SIGNATURE);
        assertRejected(
                check(ChainFixture.transfer(Hash.ZERO, 0, address(1), Amount.ofCoins(1), FEE, 0), s),
                InvalidReason.WRONG_CHAIN_ID);
        assertRejected(
                check(transfer(0, address(1), Amount.ofCoins(1000), FEE, 0), s), InvalidReason.INSUFFICIENT_BALANCE);
        assertRejected(check(transfer(0, address(1), Amount.MAX, FEE, 0), s), InvalidReason.OVERFLOW);
    }

    @Test
    void assemblerSkipsWhatDoesNotApplyAndProducesAValidBlock() {
        ChainTip g = genesisTip();
        List<SignedTransaction> candidates = List.of(
                transfer(0, address(1), Amount.ofCoins(1), FEE, 0),
                transfer(0, address(1), Amount.ofCoins(1), FEE, 0), // duplicate nonce
                transfer(1, address(2), Amount.ofCoins(5000), FEE, 0), // overspend
                transfer(0, address(2), Amount.ofCoins(1), FEE, 1));
        BlockTemplate template = BlockAssembler.assemble(
                g,
                candidates,
                ChainFixture.KEYS[3].publicKey(),
                address(3),
                g.timestamp() + 5,
                RULES,
                SignatureVerifier.ED25519);
        assertThat(template.transactions()).hasSize(3);
        assertThat(template.skipped())
                .extracting(BlockTemplate.Skipped::reason)
                .containsExactly(InvalidReason.NONCE_MISMATCH, InvalidReason.INSUFFICIENT_BALANCE);
        var block = ChainFixture.sealAndSign(template.header(), template.transactions());
        Verdict v = BlockProcessor.apply(g, block, RULES, ChainFixture.CONTEXT);
        assertThat(v).isInstanceOfSatisfying(Verdict.Valid.class, ok -> {
            assertThat(ok.tip().state()).isEqualTo(template.state());
            assertThat(ok.fees()).isEqualTo(FEE.multiply(2));
        });
    }
}
