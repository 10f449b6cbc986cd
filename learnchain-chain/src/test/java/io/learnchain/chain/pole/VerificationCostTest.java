package io.learnchain.chain.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import org.junit.jupiter.api.Test;

/**
 * Prints what verification costs (no timed assertion): the {@code accuracy} level's evaluation of an
 * mlp on a 10,000-example shard (target <= 100 ms), and a {@code replay} against the training it
 * repeats (expected ~1x).
 */
class VerificationCostTest {

    @Test
    void printsAccuracyAndReplayCost() {
        Dataset test = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        int[] idx = new int[10_000];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i % test.count();
        }
        SecureMappingLayer sml = new SecureMappingLayer(TaskRules.roundKey(Hash.ZERO, 1), 10);
        Dataset shard = sml.relabel(DatasetShards.select(test, idx, "shard-10k"));
        Model mlp = Initializer.initialize(PredefinedModels.MLP, 1);
        Evaluator eval = new Evaluator(ComputePool.serial());
        long best = Long.MAX_VALUE;
        int correct = 0;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            correct = eval.correctCount(mlp, shard);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf(
                "accuracy verification: mlp (%d parameters) on a 10,000-example shard: %.1f ms (best of 5, "
                        + "1 thread), %d correct%n",
                mlp.parameterCount(), best / 1e6, correct);
        try (ComputePool two = new ComputePool(2)) {
            Evaluator eval2 = new Evaluator(two);
            long best2 = Long.MAX_VALUE;
            for (int r = 0; r < 5; r++) {
                long t0 = System.nanoTime();
                assertThat(eval2.correctCount(mlp, shard)).isEqualTo(correct);
                best2 = Math.min(best2, System.nanoTime() - t0);
            }
            System.out.printf("accuracy verification, 2 threads: %.1f ms (best of 5), same count%n", best2 / 1e6);
        }

        Dataset train = sml.relabel(BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN));
        TrainingRecord rec = new TrainingRecord(new TrainingStart.FromSeed(5), Optimizer.Adam.of(0.002f), 32, 200, 5);
        Trainer trainer = new Trainer(ComputePool.serial());
        TrainingJob job = new TrainingJob(
                PredefinedModels.MLP_SMALL, rec, train, InputTransform.IDENTITY, null, TrainingListener.NONE);
        trainer.train(job);
        Model trained = null;
        Model replayed = null;
        long trainNs = Long.MAX_VALUE;
        long replayNs = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            trained = trainer.train(job);
            trainNs = Math.min(trainNs, System.nanoTime() - t0);
            t0 = System.nanoTime();
            replayed = trainer.train(new TrainingJob(
                    job.spec(), job.record(), job.data(), job.transform(), null, TrainingListener.NONE));
            replayNs = Math.min(replayNs, System.nanoTime() - t0);
        }
        System.out.printf(
                "replay verification: mlp-small, 200 steps of 32: training %.1f ms, replay %.1f ms (%.2fx;"
                        + " best of 3 each)%n",
                trainNs / 1e6, replayNs / 1e6, (double) replayNs / trainNs);
        assertThat(replayed.hash()).isEqualTo(trained.hash());
        assertThat(correct).isBetween(0, 10_000);
    }
}
