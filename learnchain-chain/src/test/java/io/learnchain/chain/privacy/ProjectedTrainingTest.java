package io.learnchain.chain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import org.junit.jupiter.api.Test;

/** A model learns from a round's projections of Fashion-MNIST, the features a private task's miners train on. */
class ProjectedTrainingTest {
    private static final Dataset TRAIN = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN);
    private static final Dataset TEST = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);

    private static final TrainingRecord RECORD =
            new TrainingRecord(new TrainingStart.FromSeed(1), Optimizer.Adam.of(0.002f), 32, 600, 1);

    @Test
    void aModelTrainsOnTheRoundsProjections() {
        Model clear = new Trainer(ComputePool.serial())
                .train(TrainingJob.of(ModelSpec.parse("input 784 | dense 64 | relu | dense 10"), RECORD, TRAIN));
        System.out.printf(
                "in the clear (784 inputs): %d/%d on the test set after 600 steps%n",
                new Evaluator(ComputePool.serial()).correctCount(clear, TEST), TEST.count());
        for (int k : new int[] {16, 32, 64}) {
            ProjectionSpec spec = new ProjectionSpec(new InputQuantizer(28, 28, 2, 15), k, 1);
            int[][] rows = spec.weights(Hash.sha256(new byte[] {7}));
            Dataset train = spec.project(TRAIN, rows);
            Dataset test = spec.project(TEST, rows);
            ModelSpec model = ModelSpec.parse("input " + k + " | dense 64 | relu | dense 10");
            Model trained = new Trainer(ComputePool.serial()).train(TrainingJob.of(model, RECORD, train));
            int correct = new Evaluator(ComputePool.serial()).correctCount(trained, test);
            System.out.printf("k=%d: %d/%d on the test set after 600 steps%n", k, correct, test.count());
            assertThat(correct).isGreaterThan(500);
        }
    }
}
