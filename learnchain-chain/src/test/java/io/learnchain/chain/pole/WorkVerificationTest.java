package io.learnchain.chain.pole;

import static io.learnchain.chain.pole.PoleFixture.MINER;
import static io.learnchain.chain.pole.PoleFixture.SPEC;
import static io.learnchain.chain.pole.PoleFixture.TRAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.learn.train.WorkSegments;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15's adversaries against the work check every node runs (PROTOCOL.md 3.7), at the default
 * verification level and in sync (no commitment log): each is a cheapest consistent-looking trace
 * ({@link WorkForgery}), so only a challenged segment's replay can catch it.
 */
class WorkVerificationTest {
    private static final ComputePool POOL = ComputePool.serial();
    private final PoleFixture f = new PoleFixture();

    private Verdict verify(ChainTip parent, Block b) {
        return BlockProcessor.apply(parent, b, f.rules, f.context());
    }

    private Block block(ChainTip parent, TrainingRecord rec, long nonce, Model m, long requesterNonce) {
        return f.pole(
                parent, MINER, m.hash(), rec, nonce, f.score(parent, m), List.of(), f.reveal(parent, requesterNonce));
    }

    private static Model start(ChainTip parent, long nonce) {
        return Initializer.initialize(
                SPEC, TaskRules.initSeed(parent.hash(), PoleFixture.key(MINER).publicKey(), nonce));
    }

    private static void assertInvalid(Verdict v, InvalidReason reason) {
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class,
                        i -> assertThat(i.reason()).as(i.detail()).isEqualTo(reason));
    }

    @Test
    void honestWorkPassesAndOpensSixOfItsSixtyFourSegments() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 7, 200, 1);
        assertThat(verify(t1, h.block())).isInstanceOf(Verdict.Valid.class);
        PoleProof p = PoleFixture.proof(h.block());
        assertThat(p.work().checkpoints()).hasSize(WorkSegments.MAX_SEGMENTS + 1);
        assertThat(p.work().openings()).hasSize(WorkChallenge.SEGMENTS);
        assertThat(BlockProcessor.apply(t1, h.block(), f.rules, f.context())).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void aDamagedLocalCopyOfAnOpeningWaitsForASoundOneInsteadOfCondemningTheBlock() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 7, 200, 1);
        Hash opening = PoleFixture.proof(h.block()).work().openings().getFirst();
        java.util.Map<Hash, byte[]> stored = new java.util.HashMap<>(f.blobs());
        byte[] damaged = stored.get(opening).clone();
        damaged[damaged.length - 1] ^= 1; // one bit of the optimizer state flipped on disk
        stored.put(opening, damaged);
        // a node's store: the fast read serves what is on disk, the checked read refuses a damaged blob
        io.learnchain.chain.rules.BlobView node = new io.learnchain.chain.rules.BlobView() {
            @Override
            public java.util.Optional<byte[]> get(Hash hash) {
                return java.util.Optional.ofNullable(stored.get(hash))
                        .filter(b -> Hash.sha256(b).equals(hash));
            }

            @Override
            public java.util.Optional<byte[]> getUnverified(Hash hash) {
                return java.util.Optional.ofNullable(stored.get(hash));
            }
        };
        assertThat(BlockProcessor.apply(t1, h.block(), f.rules, f.context().withBlobs(node)))
                .isInstanceOf(Verdict.Undecided.class);
        // served intact, the same block is valid
        assertThat(verify(t1, h.block())).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void anOpenedCheckpointWhoseReplayOverflowsIsAFalseSegmentNotACrash() {
        ChainTip t1 = f.withTask();
        TrainingRecord rec = PoleFixture.record(t1, MINER, 5, 200, new TrainingStart.FromSeed(5));
        float[] huge = new float[SPEC.layout().parameterCount()];
        java.util.Arrays.fill(huge, 3e38f); // finite, but one step of training overflows it
        Model bomb = new Model(SPEC, huge);
        f.register(WorkForgery.none(rec, start(t1, 5), bomb));
        Block b = block(t1, rec, 5, bomb, 1);
        int[] challenged = WorkChallenge.segments(
                WorkChallenge.seed(
                        f.commitmentOf(b).id(), b.transactions().getLast().hash()),
                WorkSegments.MAX_SEGMENTS);
        assertThat(challenged[0])
                .as("the first challenged segment opens the overflowing checkpoint")
                .isPositive();
        assertInvalid(verify(t1, b), InvalidReason.WORK_SEGMENT_MISMATCH);
    }

    @Test
    void lazyRekeyTheLastWinnerWithNoTrainingIsCaughtAlsoInSync() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = null;
        ChainTip t2 = null;
        Model rekeyed = null;
        for (long nonce = 1; rekeyed == null || rekeyed.hash().equals(h.model().hash()); nonce++) {
            // a round 2 with another label permutation (else the re-keyed winner is the winner: STALE_MODEL)
            h = f.honest(t1, MINER, nonce, 120, 1);
            t2 = f.connect(t1, h.block());
            rekeyed =
                    Rekey.rekey(h.model(), f.learning(t1).sml(), f.learning(t2).sml());
        }
        TrainingRecord rec = PoleFixture.record(t2, MINER, 3, 500, new TrainingStart.FromParent(rekeyed.hash()));
        f.register(WorkForgery.none(rec, rekeyed, rekeyed));
        Block lazy = block(t2, rec, 3, rekeyed, 2);
        // everything before the work (start, commitment, score) holds: only the replay catches it
        assertInvalid(verify(t2, lazy), InvalidReason.WORK_SEGMENT_MISMATCH);
        assertInvalid(BlockProcessor.apply(t2, lazy, f.rules, f.context()), InvalidReason.WORK_SEGMENT_MISMATCH);
    }

    @Test
    void preminedModelRekeyedUnderAOneStepRecordIsCaught() {
        ChainTip t1 = f.withTask();
        // trained before the parent existed: under another round's layer, then re-keyed to this one
        SecureMappingLayer before = new SecureMappingLayer(TaskRules.roundKey(Hash.sha256(new byte[] {9}), 1), 4);
        TrainingRecord pre = PoleFixture.record(t1, MINER, 99, 300, new TrainingStart.FromSeed(0));
        Model premined = Rekey.rekey(
                new io.learnchain.learn.train.Trainer(POOL)
                        .train(io.learnchain.learn.train.TrainingJob.of(SPEC, pre, before.relabel(TRAIN))),
                before,
                f.learning(t1).sml());
        for (long steps : new long[] {1, 120}) {
            TrainingRecord rec = PoleFixture.record(t1, MINER, 5, steps, new TrainingStart.FromSeed(0));
            f.register(WorkForgery.none(rec, start(t1, 5), premined));
            assertInvalid(verify(t1, block(t1, rec, 5, premined, 1)), InvalidReason.WORK_SEGMENT_MISMATCH);
        }
    }

    @Test
    void aStartThatDoesNotDependOnTheParentIsRefused() {
        ChainTip t1 = f.withTask();
        long seed = TaskRules.dataOrderSeed(t1.hash(), PoleFixture.key(MINER).publicKey(), 4);
        TrainingRecord rec = new TrainingRecord(
                new TrainingStart.FromSeed(4), io.learnchain.learn.train.Optimizer.Adam.of(0.02f), 32, 64, seed);
        Model m = f.train(t1, rec, null);
        assertInvalid(verify(t1, block(t1, rec, 4, m, 1)), InvalidReason.WRONG_TRAINING_START);
    }

    @Test
    void anOpeningOfAnotherCheckpointIsBadAndAMissingOneLeavesTheBlockUndecided() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, MINER, 7, 200, 1);
        PoleProof p = PoleFixture.proof(h.block());
        List<Hash> swapped = new ArrayList<>(p.work().openings());
        swapped.set(0, p.work().openings().get(1));
        Block bad = PoleFixture.withProof(h.block(), p.withWork(p.work().withOpenings(swapped)), MINER);
        assertInvalid(verify(t1, bad), InvalidReason.BAD_WORK_OPENING);
        f.blobs().remove(p.work().openings().get(2));
        assertThat(verify(t1, h.block())).isInstanceOf(Verdict.Undecided.class);
    }

    /** 1 - C(K - fake, s) / C(K, s): the chance that one of s challenged segments of K is a fake one. */
    static double catchProbability(int k, int fake, int s) {
        double pass = 1;
        for (int i = 0; i < s; i++) {
            pass *= (double) (k - fake - i) / (k - i);
        }
        return 1 - Math.max(0, pass);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.5, 0.9})
    void partialWorkIsCaughtAtTheStatedRateOver200Trials(double fraction) {
        ChainTip t1 = f.withTask();
        int k = WorkSegments.MAX_SEGMENTS;
        int fake = (int) Math.round(fraction * k);
        int trials = 200;
        int caught = 0;
        for (int i = 0; i < trials; i++) {
            long nonce = 1_000 + i;
            TrainingRecord rec = PoleFixture.record(t1, MINER, nonce, k, new TrainingStart.FromSeed(0));
            Model m = f.register(
                    WorkForgery.partial(POOL, SPEC, rec, f.learning(t1).sml().relabel(TRAIN), start(t1, nonce), fake));
            Verdict v = verify(t1, block(t1, rec, nonce, m, 1));
            if (v instanceof Verdict.Invalid inv) {
                assertThat(inv.reason())
                        .as(inv.detail())
                        .isIn(InvalidReason.WORK_SEGMENT_MISMATCH, InvalidReason.TRAINING_ACCURACY_NOT_MET);
                if (inv.reason() == InvalidReason.WORK_SEGMENT_MISMATCH) {
                    caught++;
                }
            }
        }
        double stated = catchProbability(k, fake, WorkChallenge.SEGMENTS);
        double measured = (double) caught / trials;
        double sigma = Math.sqrt(Math.max(stated * (1 - stated), 1e-4) / trials);
        System.out.printf(
                "partial-work f=%.2f: caught %d/%d = %.3f, stated %.4f%n", fraction, caught, trials, measured, stated);
        assertThat(Math.abs(measured - stated)).isLessThanOrEqualTo(4 * sigma);
    }

    @Test
    void oneJumpIsCaughtAtTheStatedRateOver200Trials() {
        ChainTip t1 = f.withTask();
        int k = WorkSegments.MAX_SEGMENTS;
        SecureMappingLayer sml = f.learning(t1).sml();
        TrainingRecord pre = PoleFixture.record(t1, PoleFixture.OTHER_MINER, 77, 200, new TrainingStart.FromSeed(0));
        Model substitute = new io.learnchain.learn.train.Trainer(POOL)
                .train(io.learnchain.learn.train.TrainingJob.of(SPEC, pre, sml.relabel(TRAIN)));
        int trials = 200;
        int caught = 0;
        io.learnchain.base.rng.SplitMix64 rng = new io.learnchain.base.rng.SplitMix64(15);
        for (int i = 0; i < trials; i++) {
            long nonce = 5_000 + i;
            TrainingRecord rec = PoleFixture.record(t1, MINER, nonce, k, new TrainingStart.FromSeed(0));
            Model m = f.register(WorkForgery.oneJump(
                    POOL, SPEC, rec, sml.relabel(TRAIN), start(t1, nonce), rng.nextInt(k), substitute));
            Verdict v = verify(t1, block(t1, rec, nonce, m, 1));
            if (v instanceof Verdict.Invalid inv && inv.reason() == InvalidReason.WORK_SEGMENT_MISMATCH) {
                caught++;
            } else {
                assertThat(v).isInstanceOf(Verdict.Valid.class);
            }
        }
        double stated = catchProbability(k, 1, WorkChallenge.SEGMENTS);
        double measured = (double) caught / trials;
        System.out.printf("one-jump: caught %d/%d = %.3f, stated %.4f%n", caught, trials, measured, stated);
        assertThat(Math.abs(measured - stated)).isLessThanOrEqualTo(4 * Math.sqrt(stated * (1 - stated) / trials));
        assertThat(caught).isPositive();
    }
}
