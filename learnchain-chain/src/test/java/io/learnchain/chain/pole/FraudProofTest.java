package io.learnchain.chain.pole;

import static io.learnchain.chain.pole.PoleFixture.MINER;
import static io.learnchain.chain.pole.PoleFixture.SPEC;
import static io.learnchain.chain.pole.PoleFixture.TRAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.HeldReward;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.chain.work.HeldRewards;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md 3.8: a one-jump forger whose jump the six challenged segments missed wins its round,
 * but its payout is held; one full replay finds the first false segment, and the WorkFraud built
 * from it refutes the payout at every node for the cost of one segment. A "fraud proof" against
 * honest work is refused, and a refuted or paid payout cannot be refuted again.
 */
class FraudProofTest {
    private static final ComputePool POOL = ComputePool.serial();
    private static final int AUDITOR = 0;
    private final PoleFixture f = new PoleFixture();

    /** A one-jump block on {@code t1} that passes the segment check (the challenge missed its jump). */
    private Block uncaughtOneJump(ChainTip t1) {
        TrainingRecord pre = PoleFixture.record(t1, PoleFixture.OTHER_MINER, 77, 200, new TrainingStart.FromSeed(0));
        Model substitute = new Trainer(POOL)
                .train(TrainingJob.of(SPEC, pre, f.learning(t1).sml().relabel(TRAIN)));
        for (long nonce = 1; nonce < 100; nonce++) {
            TrainingRecord rec = PoleFixture.record(t1, MINER, nonce, 64, new TrainingStart.FromSeed(0));
            Model start = Initializer.initialize(
                    SPEC, TaskRules.initSeed(t1.hash(), PoleFixture.key(MINER).publicKey(), nonce));
            Model m = f.register(
                    WorkForgery.oneJump(POOL, SPEC, rec, f.learning(t1).sml().relabel(TRAIN), start, 40, substitute));
            Block b = f.pole(t1, MINER, m.hash(), rec, nonce, f.score(t1, m), List.of(), f.reveal(t1, 1));
            if (BlockProcessor.apply(t1, b, f.rules, f.context()) instanceof Verdict.Valid) {
                return b;
            }
        }
        throw new AssertionError("every challenge caught the jump: 100 nonces, 6/64 each");
    }

    private FraudReport audit(ChainTip parent, Block b) {
        ReplayVerifier.Outcome outcome =
                ReplayVerifier.replay(parent, f.rules, b, BlobView.of(f.blobs()), POOL, 10_000);
        FraudReport report = FraudReport.of(b, outcome).orElseThrow(() -> new AssertionError(outcome.toString()));
        f.put(report.opening());
        return report;
    }

    private SignedTransaction send(ChainTip tip, WorkFraud payload) {
        long nonce = tip.state().account(PoleFixture.address(AUDITOR)).nonce();
        return f.tx(AUDITOR, nonce, Amount.ZERO, payload);
    }

    @Test
    void theFirstFalseSegmentOfAnUncaughtForgeryRefutesItsHeldPayout() {
        ChainTip t1 = f.withTask();
        Block forged = uncaughtOneJump(t1);
        ChainTip t2 = f.connect(t1, forged);
        TaskState task = t2.state().tasks().get(1).orElseThrow();
        HeldReward held = task.held().getFirst();
        FraudReport report = audit(t1, forged);
        assertThat(report.payload().segment()).isEqualTo(40); // the jump: every earlier segment is honest

        Address requester = task.requester();
        Address auditor = PoleFixture.address(AUDITOR);
        Block proof = f.forfeit(t2, List.of(send(t2, report.payload())));
        ChainTip t3 = f.connect(t2, proof);
        TaskState after = t3.state().tasks().get(1).orElseThrow();
        assertThat(after.held()).isEmpty();
        assertThat(after.refuted()).containsExactly(held.modelHash());
        assertThat(t3.state().balance(requester))
                .isEqualTo(t2.state().balance(requester).add(held.reward()));
        assertThat(t3.state().balance(auditor))
                .isEqualTo(t2.state().balance(auditor).add(HeldRewards.bounty(held)));
        assertThat(after.burned().subtract(task.burned()))
                .as("burned: the payout minus the reward and the bounty (and the forfeit's round reward)")
                .isEqualTo(held.amount()
                        .subtract(held.reward())
                        .subtract(HeldRewards.bounty(held))
                        .add(PoleFixture.REWARD));
        // the forger never sees the payout, however long the chain grows
        ChainTip tip = t3;
        Amount forger = t3.state().balance(PoleFixture.address(MINER));
        for (int i = 0; i < HeldRewards.HOLD_BLOCKS; i++) {
            tip = f.connect(tip, next(tip));
        }
        assertThat(tip.state().balance(PoleFixture.address(MINER)))
                .as("only the later blocks' own subsidies (the fixture mines them with the same key)")
                .isEqualTo(forger.add(f.rules.blockSubsidy().multiply(HeldRewards.HOLD_BLOCKS)));
        // and it cannot be refuted twice
        assertRejected(tip, report.payload(), InvalidReason.NO_HELD_REWARD);
    }

    @Test
    void aFraudProofAgainstHonestWorkIsRefused() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 7, 64, 1);
        ChainTip t2 = f.connect(t1, h.block());
        var p = PoleFixture.proof(h.block());
        var checkpoints = f.workOf(h.model().hash(), p.record()).checkpoints();
        for (int segment : new int[] {0, 31, 63}) {
            byte[] opening = checkpoints.get(segment).bytes();
            WorkFraud claim =
                    new WorkFraud(1, t2.height(), p.record(), p.work().checkpoints(), segment, f.put(opening));
            assertRejected(t2, claim, InvalidReason.FRAUD_NOT_PROVEN);
        }
        // nor can it name another checkpoint than the committed one
        WorkFraud swapped = new WorkFraud(
                1,
                t2.height(),
                p.record(),
                p.work().checkpoints(),
                5,
                f.put(checkpoints.get(6).bytes()));
        assertRejected(t2, swapped, InvalidReason.FRAUD_NOT_PROVEN);
    }

    @Test
    void anHonestPayoutIsCreditedWhenItsWindowEnds() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 7, 64, 1);
        ChainTip tip = f.connect(t1, h.block());
        Amount held = tip.state().totalHeld();
        assertThat(held).isEqualTo(f.rules.blockSubsidy().add(PoleFixture.REWARD));
        for (int i = 0; i < HeldRewards.HOLD_BLOCKS; i++) {
            tip = f.connect(tip, next(tip));
        }
        assertThat(tip.state().totalHeld()).isEqualTo(Amount.ZERO);
    }

    private void assertRejected(ChainTip tip, WorkFraud payload, InvalidReason reason) {
        Block b = f.forfeitOrIdle(tip, List.of(send(tip, payload)));
        assertThat(BlockProcessor.apply(tip, b, f.rules, f.context()))
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class,
                        i -> assertThat(i.reason()).as(i.detail()).isEqualTo(reason));
    }

    private Block next(ChainTip tip) {
        return RoundDriver.round(tip, f.rules) instanceof Round.Learning
                ? f.forfeit(tip, List.of())
                : f.idle(tip, List.of());
    }
}
