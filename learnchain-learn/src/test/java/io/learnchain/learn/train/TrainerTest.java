package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.fixtures.SyntheticData;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final ModelSpec SPEC = ModelSpec.parse("input 20 | dense 16 | relu | dense 4");
    private static final Dataset DATA = SyntheticData.make("train", new int[] {20}, 4, 400, 21);
    private static final Dataset TEST = SyntheticData.make("test", new int[] {20}, 4, 400, 21);
    private final Trainer trainer = new Trainer(ComputePool.serial());
    private final Evaluator evaluator = new Evaluator(ComputePool.serial());

    private static TrainingRecord record(long steps) {
        return new TrainingRecord(new TrainingStart.FromSeed(3), new Optimizer.Sgd(0.05f, 0.9f), 16, steps, 8);
    }

    @Test
    void trainingLowersLossAndLearnsTheTask() {
        List<TrainingProgress> progress = new ArrayList<>();
        Model m = trainer.train(TrainingJob.of(SPEC, record(200), DATA).withListener(new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                progress.add(p);
            }

            @Override
            public int interval() {
                return 50;
            }
        }));
        assertThat(progress).extracting(TrainingProgress::step).containsExactly(50L, 100L, 150L, 200L);
        assertThat(progress.getLast().meanLoss()).isLessThan(progress.getFirst().meanLoss());
        assertThat(evaluator.correctCount(m, TEST)).isGreaterThan(360);
    }

    @Test
    void zeroStepsReturnsTheInitialModel() {
        Model m = trainer.train(TrainingJob.of(SPEC, record(0), DATA));
        assertThat(m.hash()).isEqualTo(Initializer.initialize(SPEC, 3).hash());
    }

    @Test
    void continuesFromParentModelOnlyWhenItsHashMatches() {
        Model parent = trainer.train(TrainingJob.of(SPEC, record(20), DATA));
        TrainingRecord cont = new TrainingRecord(
                new TrainingStart.FromParent(parent.hash()), new Optimizer.Sgd(0.05f, 0.9f), 16, 20, 9);
        Model child = trainer.train(TrainingJob.continuing(SPEC, cont, DATA, parent));
        assertThat(child.hash()).isNotEqualTo(parent.hash());
        assertThat(trainer.train(TrainingJob.continuing(SPEC, cont, DATA, parent))
                        .hash())
                .isEqualTo(child.hash());
        assertThatThrownBy(() -> TrainingJob.continuing(SPEC, cont, DATA, null))
                .hasMessageContaining("continues model " + parent.hash().shortHex() + " but no parent");
        assertThatThrownBy(() -> TrainingJob.continuing(SPEC, cont, DATA, child))
                .hasMessageContaining("but parent " + child.hash().shortHex());
    }

    @Test
    void inputTransformIsPartOfTheTrainedFunction() {
        InputTransform t = new InputTransform.SignedPermutation(1234, 20);
        Model plain = trainer.train(TrainingJob.of(SPEC, record(200), DATA));
        Model mapped = trainer.train(TrainingJob.of(SPEC, record(200), DATA).withTransform(t));
        assertThat(mapped.hash()).isNotEqualTo(plain.hash());
        int withMapping = evaluator.correctCount(mapped, TEST, t);
        int withoutMapping = evaluator.correctCount(mapped, TEST);
        assertThat(withMapping).isGreaterThan(360);
        assertThat(withoutMapping).isLessThan(withMapping - 100);
    }

    @Test
    void dataOrderSeedChangesTheResult() {
        Model a = trainer.train(TrainingJob.of(SPEC, record(10), DATA));
        TrainingRecord other =
                new TrainingRecord(new TrainingStart.FromSeed(3), new Optimizer.Sgd(0.05f, 0.9f), 16, 10, 9);
        assertThat(trainer.train(TrainingJob.of(SPEC, other, DATA)).hash()).isNotEqualTo(a.hash());
    }

    @Test
    void correctCountDoesNotDependOnEvaluationBatchOrThreads() {
        Model m = trainer.train(TrainingJob.of(SPEC, record(30), DATA));
        int reference = evaluator.correctCount(m, TEST);
        try (ComputePool pool = new ComputePool(3)) {
            for (int batch : new int[] {1, 7, 64, 400, 1000}) {
                assertThat(new Evaluator(pool, batch).correctCount(m, TEST))
                        .as("batch %d", batch)
                        .isEqualTo(reference);
            }
        }
    }

    @Test
    void argmaxTiesGoToTheLowestIndex() {
        Model zero = new Model(SPEC, new float[SPEC.layout().parameterCount()]);
        int label0 = 0;
        for (int y : TEST.labels()) {
            label0 += y == 0 ? 1 : 0;
        }
        assertThat(evaluator.correctCount(zero, TEST)).isEqualTo(label0);
    }

    @Test
    void rejectsDataThatDoesNotFitTheModel() {
        Dataset wide = SyntheticData.make("wide", new int[] {21}, 4, 40, 1);
        assertThatThrownBy(() -> TrainingJob.of(SPEC, record(1), wide)).hasMessageContaining("model input is [20]");
        Dataset fiveClasses = SyntheticData.make("five", new int[] {20}, 5, 40, 1);
        assertThatThrownBy(() -> TrainingJob.of(SPEC, record(1), fiveClasses)).hasMessageContaining("5 classes");
    }

    @Test
    void recordHashCoversEveryField() {
        TrainingRecord r = record(10);
        List<Hash> hashes = List.of(
                r.hash(),
                r.withSteps(11).hash(),
                new TrainingRecord(new TrainingStart.FromSeed(4), r.optimizer(), 16, 10, 8).hash(),
                new TrainingRecord(r.start(), new Optimizer.Sgd(0.05f, 0.8f), 16, 10, 8).hash(),
                new TrainingRecord(r.start(), r.optimizer(), 17, 10, 8).hash(),
                new TrainingRecord(r.start(), r.optimizer(), 16, 10, 7).hash());
        assertThat(hashes).doesNotHaveDuplicates();
        assertThat(r.text())
                .isEqualTo("start seed 3\noptimizer sgd lr=0.05 momentum=0.9\nbatch 16\nsteps 10\n" + "data-order 8\n");
    }
}
