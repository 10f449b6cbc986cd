package io.learnchain.chain.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.transition.TransactionAdmission;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SCENARIOS D16's other half: an honest claim is never rejected; the mempool gate for task transactions. */
class HonestClaimsTest {
    private final PoleFixture f = new PoleFixture();

    @Test
    void honestClaimsAreNeverRejected() {
        long seed = 42;
        System.out.println("seed " + seed);
        SplitMix64 rng = new SplitMix64(seed);
        ChainTip t1 = f.withTask();
        int accepted = 0;
        int trials = 60;
        for (int i = 0; i < trials; i++) {
            long nonce = rng.nextLong();
            int miner = rng.nextInt(2) == 0 ? PoleFixture.MINER : PoleFixture.OTHER_MINER;
            long steps = 60 + rng.nextLong(80);
            TrainingRecord rec = PoleFixture.record(t1, miner, nonce, steps, new TrainingStart.FromSeed(nonce));
            Model m = f.train(t1, rec, null);
            Block b = f.pole(t1, miner, m.hash(), rec, nonce, f.score(t1, m), List.of(), f.reveal(t1, 1));
            Verdict v = BlockProcessor.apply(t1, b, f.rules, f.context());
            if (v instanceof Verdict.Invalid inv) {
                assertThat(inv.reason())
                        .as("trial %d: %s", i, inv.detail())
                        .isEqualTo(InvalidReason.TRAINING_ACCURACY_NOT_MET);
            } else {
                assertThat(v).as("trial %d", i).isInstanceOf(Verdict.Valid.class);
                accepted++;
            }
        }
        System.out.printf(
                "%d honest trials: %d accepted, the rest below the task's training minimum%n", trials, accepted);
        assertThat(accepted).isGreaterThan(trials / 2);
    }

    @Test
    void mempoolRejectsTaskTransactionsForOthersOrClosedTasks() {
        ChainTip t1 = f.withTask();
        assertThat(TransactionAdmission.check(f.cancel(0, 0, 1), t1.state(), f.rules, SignatureVerifier.ED25519))
                .isInstanceOfSatisfying(
                        TxResult.Rejected.class, r -> assertThat(r.reason()).isEqualTo(InvalidReason.NOT_REQUESTER));
        assertThat(TransactionAdmission.check(
                        f.cancel(PoleFixture.REQUESTER, 1, 5), t1.state(), f.rules, SignatureVerifier.ED25519))
                .isInstanceOfSatisfying(
                        TxResult.Rejected.class, r -> assertThat(r.reason()).isEqualTo(InvalidReason.UNKNOWN_TASK));
        assertThat(TransactionAdmission.check(
                        f.cancel(PoleFixture.REQUESTER, 1, 1), t1.state(), f.rules, SignatureVerifier.ED25519))
                .isInstanceOf(TxResult.Applied.class);
        assertThat(TransactionAdmission.check(
                        f.tx(PoleFixture.REQUESTER, 1, Amount.ZERO, f.task(3, Amount.ofCoins(400), 60, 0)),
                        t1.state(),
                        f.rules,
                        SignatureVerifier.ED25519))
                .isInstanceOfSatisfying(
                        TxResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(InvalidReason.INSUFFICIENT_BALANCE));
    }
}
