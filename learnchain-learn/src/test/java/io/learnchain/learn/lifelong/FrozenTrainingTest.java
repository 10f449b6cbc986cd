package io.learnchain.learn.lifelong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.fixtures.SyntheticData;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.FrozenParameters;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import org.junit.jupiter.api.Test;

class FrozenTrainingTest {
    private static final ModelSpec SMALL = ModelSpec.parse("input 20 | dense 16 | relu | dense 3");

    private static Model trainGrown(Optimizer optimizer, ComputePool pool) {
        Model old = Initializer.initialize(SMALL, 9);
        Model grown = ModelGrowth.grow(old, 5, 4, 10);
        FrozenParameters frozen = ModelGrowth.plan(SMALL, grown.spec()).frozen();
        Dataset data = SyntheticData.make("five", new int[] {20}, 5, 300, 11);
        TrainingRecord rec = new TrainingRecord(new TrainingStart.FromParent(grown.hash()), optimizer, 16, 60, 12);
        return new Trainer(pool).train(TrainingJob.continuing(grown.spec(), rec, data, grown), frozen);
    }

    @Test
    void maskedTrainingKeepsFrozenBitsAndMovesTheNewParameters() {
        for (Optimizer opt : new Optimizer[] {new Optimizer.Sgd(0.05f, 0.9f), Optimizer.Adam.of(0.01f)}) {
            Model old = Initializer.initialize(SMALL, 9);
            Model grown = ModelGrowth.grow(old, 5, 4, 10);
            Model trained = trainGrown(opt, ComputePool.serial());
            assertThat(ModelGrowth.checkFrozen(old, trained)).as(opt.text()).isEmpty();
            FrozenParameters frozen = ModelGrowth.plan(SMALL, grown.spec()).frozen();
            int moved = 0;
            for (int i = 0; i < grown.parameterCount(); i++) {
                if (!frozen.isFrozen(i) && grown.parameter(i) != trained.parameter(i)) {
                    moved++;
                }
            }
            assertThat(moved).as(opt.text()).isGreaterThan(frozen.trainableCount() / 2);
        }
    }

    @Test
    void maskedTrainingIsTheSameOnOneAndTwoThreads() {
        try (ComputePool two = new ComputePool(2)) {
            assertThat(trainGrown(Optimizer.Adam.of(0.01f), two).hash())
                    .isEqualTo(trainGrown(Optimizer.Adam.of(0.01f), ComputePool.serial())
                            .hash());
        }
    }

    @Test
    void unmaskedTrainingChangesOldWeights() {
        Model old = Initializer.initialize(SMALL, 9);
        Model grown = ModelGrowth.grow(old, 5, 4, 10);
        Dataset data = SyntheticData.make("five", new int[] {20}, 5, 300, 11);
        TrainingRecord rec = new TrainingRecord(
                new TrainingStart.FromParent(grown.hash()), new Optimizer.Sgd(0.05f, 0.9f), 16, 20, 12);
        Model naive = new Trainer(ComputePool.serial()).train(TrainingJob.continuing(grown.spec(), rec, data, grown));
        assertThat(ModelGrowth.checkFrozen(old, naive)).isPresent();
    }

    @Test
    void rejectsAMaskOfAnotherSize() {
        Model old = Initializer.initialize(SMALL, 9);
        Dataset data = SyntheticData.make("three", new int[] {20}, 3, 100, 11);
        TrainingRecord rec =
                new TrainingRecord(new TrainingStart.FromParent(old.hash()), new Optimizer.Sgd(0.05f, 0.9f), 16, 2, 12);
        assertThatThrownBy(() -> new Trainer(ComputePool.serial())
                        .train(TrainingJob.continuing(SMALL, rec, data, old), FrozenParameters.none(5)))
                .hasMessageContaining("frozen mask covers 5");
    }
}
