package io.learnchain.chain.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SCENARIOS D18: the secure mapping layer stops mining in advance; re-keying carries a model across rounds. */
class SecureMappingTest {
    private static final Dataset TRAIN = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN);
    private static final Dataset TEST = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void modelTrainedForAnotherParentScoresNearChance(long seed) {
        System.out.println("seed " + seed);
        SplitMix64 rng = new SplitMix64(seed);
        Hash parentA = Hash.sha256(new byte[] {(byte) rng.nextLong()});
        Hash parentB = Hash.sha256(new byte[] {(byte) rng.nextLong(), 1});
        SecureMappingLayer a = new SecureMappingLayer(TaskRules.roundKey(parentA, 1), 10);
        SecureMappingLayer b = new SecureMappingLayer(TaskRules.roundKey(parentB, 1), 10);
        TrainingRecord rec =
                new TrainingRecord(new TrainingStart.FromSeed(seed), Optimizer.Adam.of(0.002f), 32, 300, seed);
        Model m = new Trainer(ComputePool.serial())
                .train(new TrainingJob(
                        PredefinedModels.MLP_SMALL,
                        rec,
                        a.relabel(TRAIN),
                        InputTransform.IDENTITY,
                        null,
                        TrainingListener.NONE));
        Evaluator eval = new Evaluator(ComputePool.serial());
        int own = eval.correctCount(m, a.relabel(TEST));
        int other = eval.correctCount(m, b.relabel(TEST));
        int fixedPoints = 0;
        for (int c = 0; c < 10; c++) {
            fixedPoints += a.map(c) == b.map(c) ? 1 : 0;
        }
        System.out.printf(
                "mlp-small, 300 steps: %d/%d under its own mapping layer, %d/%d under another parent's"
                        + " (%d of 10 classes map alike)%n",
                own, TEST.count(), other, TEST.count(), fixedPoints);
        assertThat(own).isGreaterThan(650);
        // near chance: at most the share of classes both permutations map alike, plus slack
        assertThat(other).isLessThan(100 * fixedPoints + 180);
        assertThat(other).isLessThan(own / 2);
    }

    @Test
    void unmappedModelPredictsTheRequestersOwnLabels() {
        SecureMappingLayer a = new SecureMappingLayer(TaskRules.roundKey(Hash.sha256(new byte[] {9}), 1), 10);
        TrainingRecord rec = new TrainingRecord(new TrainingStart.FromSeed(5), Optimizer.Adam.of(0.002f), 32, 200, 5);
        Model mapped = new Trainer(ComputePool.serial())
                .train(new TrainingJob(
                        PredefinedModels.MLP_SMALL,
                        rec,
                        a.relabel(TRAIN),
                        InputTransform.IDENTITY,
                        null,
                        TrainingListener.NONE));
        Model delivered = a.unmap(mapped);
        Evaluator eval = new Evaluator(ComputePool.serial());
        int verified = eval.correctCount(mapped, a.relabel(TEST));
        int requester = eval.correctCount(delivered, TEST);
        int asMined = eval.correctCount(mapped, TEST);
        int fixedPoints = 0;
        for (int c = 0; c < 10; c++) {
            fixedPoints += a.map(c) == c ? 1 : 0;
        }
        System.out.printf(
                "mlp-small, 200 steps: %d/%d in the round's label space, %d/%d unmapped on the true labels,"
                        + " %d/%d as mined on the true labels (%d of 10 classes fixed)%n",
                verified, TEST.count(), requester, TEST.count(), asMined, TEST.count(), fixedPoints);
        assertThat(requester).isEqualTo(verified).isGreaterThan(600);
        assertThat(asMined)
                .as("the mined model on the requester's labels (the control)")
                .isLessThan(100 * fixedPoints + 180);
        assertThat(a.unmap(a.unmap(mapped))).as("unmapping is not the identity").isNotEqualTo(delivered);
    }

    @Test
    void rekeyedModelKeepsItsAccuracyUnderTheNewMappingLayer() {
        SecureMappingLayer a = new SecureMappingLayer(Hash.sha256(new byte[] {1}), 4);
        SecureMappingLayer b = new SecureMappingLayer(Hash.sha256(new byte[] {2}), 4);
        Dataset train = PoleFixture.TRAIN;
        TrainingRecord rec = new TrainingRecord(new TrainingStart.FromSeed(3), Optimizer.Adam.of(0.02f), 32, 120, 3);
        Model m = new Trainer(ComputePool.serial())
                .train(new TrainingJob(
                        PoleFixture.SPEC, rec, a.relabel(train), InputTransform.IDENTITY, null, TrainingListener.NONE));
        Model moved = Rekey.rekey(m, a, b);
        Evaluator eval = new Evaluator(ComputePool.serial());
        Dataset shard = PoleFixture.SHARDS.getFirst();
        assertThat(eval.correctCount(moved, b.relabel(shard))).isEqualTo(eval.correctCount(m, a.relabel(shard)));
        assertThat(Rekey.rekey(moved, b, a)).isEqualTo(m);
    }

    @Test
    void mappingLayerIsAPermutationFixedByTheRoundKey() {
        SecureMappingLayer s = new SecureMappingLayer(TaskRules.roundKey(Hash.ZERO, 7), 10);
        int[] p = s.permutation();
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int c = 0; c < 10; c++) {
            assertThat(s.unmap(s.map(c))).isEqualTo(c);
        }
        assertThat(new SecureMappingLayer(TaskRules.roundKey(Hash.ZERO, 7), 10)).isEqualTo(s);
        assertThat(new SecureMappingLayer(TaskRules.roundKey(Hash.ZERO, 8), 10).permutation())
                .isNotEqualTo(p);
        // committed: the round key and permutation of (previous = zero hash, task 7) never change
        assertThat(Arrays.toString(p)).isEqualTo(Arrays.toString(s.permutation()));
    }
}
