package io.learnchain.chain.pole;

import static io.learnchain.chain.pole.PoleFixture.MINER;
import static io.learnchain.chain.pole.PoleFixture.OTHER_MINER;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay level: re-training from the record reproduces honest models and exposes made-up records. */
class ReplayVerifierTest {
    private final PoleFixture f = new PoleFixture();
    private final ComputePool pool = ComputePool.serial();

    @Test
    void honestBlockReplaysToItsModelHash() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 1, 120, 1);
        var outcome = ReplayVerifier.replay(t1, f.rules, h.block(), BlobView.of(f.blobs()), pool, 10_000);
        assertThat(outcome)
                .isEqualTo(new ReplayVerifier.Outcome.Reproduced(h.model().hash()));
        assertThat(outcome.verdict()).isEmpty();
    }

    @Test
    void copiedModelUnderAMadeUpRecordFailsTheWorkCheckInSyncAndReplayNamesTheFirstFalseSegment() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 1, 120, 1);
        TrainingRecord fake = PoleFixture.record(t1, OTHER_MINER, 1, 120, new TrainingStart.FromSeed(1));
        Block copy = f.pole(
                t1,
                OTHER_MINER,
                h.model().hash(),
                fake,
                1,
                PoleFixture.proof(h.block()).claimedScore(),
                List.of(),
                f.reveal(t1, 1));
        assertThat(BlockProcessor.apply(t1, copy, f.rules, f.context()))
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class, i -> assertThat(i.reason()).isEqualTo(InvalidReason.WORK_ENDS_MISMATCH));
        var outcome = ReplayVerifier.replay(t1, f.rules, copy, BlobView.of(f.blobs()), pool, 10_000);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ReplayVerifier.Outcome.Mismatch.class,
                        m -> assertThat(m.segment()).isEqualTo(-1));
        assertThat(outcome.verdict().orElseThrow())
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class, i -> assertThat(i.reason()).isEqualTo(InvalidReason.REPLAY_MISMATCH));
    }

    @Test
    void continuedModelReplaysFromTheRekeyedWinner() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 1, 120, 1);
        ChainTip t2 = f.connect(t1, h.block());
        Model start =
                Rekey.rekey(h.model(), f.learning(t1).sml(), f.learning(t2).sml());
        TrainingRecord rec = PoleFixture.record(t2, MINER, 3, 40, new TrainingStart.FromParent(start.hash()));
        Model m = f.train(t2, rec, start);
        Block b = f.pole(t2, MINER, m.hash(), rec, 3, f.score(t2, m), List.of(), f.reveal(t2, 2));
        assertThat(BlockProcessor.apply(t2, b, f.rules, f.context())).isInstanceOf(Verdict.Valid.class);
        assertThat(ReplayVerifier.replay(t2, f.rules, b, BlobView.of(f.blobs()), pool, 10_000))
                .isEqualTo(new ReplayVerifier.Outcome.Reproduced(m.hash()));
    }

    @Test
    void refusesRecordsLongerThanTheStepBudgetWithoutJudging() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 1, 120, 1);
        var outcome = ReplayVerifier.replay(t1, f.rules, h.block(), BlobView.of(f.blobs()), pool, 100);
        assertThat(outcome).isInstanceOf(ReplayVerifier.Outcome.NotReplayed.class);
        assertThat(outcome.verdict().orElseThrow()).isInstanceOf(Verdict.Undecided.class);
    }

    @Test
    void missingTrainingSetIsNotReplayedRatherThanJudged() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 1, 120, 1);
        assertThat(ReplayVerifier.replay(t1, f.rules, h.block(), BlobView.NONE, pool, 10_000))
                .isInstanceOf(ReplayVerifier.Outcome.NotReplayed.class);
    }

    @Test
    void aRecordWhoseTrainingDivergesIsAFalseSegmentForTheFullReplayNotACrash() {
        ChainTip t1 = f.withTask();
        TrainingRecord sane = PoleFixture.record(t1, MINER, 4, 120, new TrainingStart.FromSeed(4));
        // a learning rate no honest run survives: the parameters overflow within a few steps
        TrainingRecord rec = new TrainingRecord(
                sane.start(),
                io.learnchain.learn.train.Optimizer.Adam.of(1e30f),
                sane.batchSize(),
                sane.steps(),
                sane.dataOrderSeed());
        // the forger runs it honestly as far as it stays finite, then claims the rest
        var run = new io.learnchain.learn.train.CheckpointedRun(
                pool,
                new io.learnchain.learn.train.TrainingJob(
                        PoleFixture.SPEC,
                        rec,
                        f.learning(t1).sml().relabel(PoleFixture.TRAIN),
                        io.learnchain.learn.train.InputTransform.IDENTITY,
                        null,
                        io.learnchain.learn.train.TrainingListener.NONE));
        try {
            while (!run.isDone()) {
                run.advance(1);
            }
            throw new AssertionError("the run was meant to diverge");
        } catch (IllegalArgumentException diverged) {
            // as far as it went
        }
        int sound = run.checkpointsSoFar().size();
        assertThat(sound).isGreaterThan(1);
        MinedWork forged = WorkForgery.claimRest(rec, run.checkpointsSoFar());
        f.register(forged);
        Block b = f.pole(
                t1, MINER, forged.model().hash(), rec, 4, f.score(t1, forged.model()), List.of(), f.reveal(t1, 1));
        var outcome = ReplayVerifier.replay(t1, f.rules, b, BlobView.of(f.blobs()), pool, 10_000);
        assertThat(outcome).isInstanceOfSatisfying(ReplayVerifier.Outcome.Mismatch.class, m -> {
            assertThat(m.segment()).isEqualTo(sound - 1); // the segment that diverged
            assertThat(m.opening()).isPresent(); // its opening, for the fraud proof
        });
    }
}
