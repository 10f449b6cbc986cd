package io.learnchain.learn.lifelong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.fixtures.SyntheticData;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Initializer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixedPointLossTest {
    private static final ModelSpec SPEC = ModelSpec.parse("input 20 | dense 16 | relu | dense 4");
    private static final Dataset DATA = SyntheticData.make("d", new int[] {20}, 4, 300, 3);

    @Test
    void aZeroModelHasTheLossOfAUniformGuess() {
        Model zero = new Model(SPEC, new float[SPEC.layout().parameterCount()]);
        // log(4) = 1.386294361... nats
        assertThat(FixedPointLoss.of(zero, List.of(DATA), ComputePool.serial())).isEqualTo(1_386_294L);
        assertThat(FixedPointLoss.text(1_386_294L)).isEqualTo("1.386294");
    }

    @Test
    void lossIsTheSameOnOneAndTwoThreadsAndDependsOnPartOrderOnlyThroughTheSum() {
        Model m = Initializer.initialize(SPEC, 4);
        long serial = FixedPointLoss.of(m, List.of(DATA), ComputePool.serial());
        try (ComputePool two = new ComputePool(2)) {
            assertThat(FixedPointLoss.of(m, List.of(DATA), two)).isEqualTo(serial);
        }
        List<Dataset> parts = DatasetShards.split(DATA, 3, 1);
        long split = FixedPointLoss.of(m, parts, ComputePool.serial());
        assertThat(Math.abs(split - serial)).isLessThanOrEqualTo(1);
        assertThat(serial).isGreaterThan(0);
    }

    @Test
    void acceptsOldPartsWithFewerClassesAndRejectsLabelsBeyondTheOutputs() {
        Model m = Initializer.initialize(ModelSpec.parse("input 20 | dense 16 | relu | dense 6"), 4);
        assertThat(FixedPointLoss.of(m, List.of(DATA), ComputePool.serial())).isPositive();
        Model small = Initializer.initialize(ModelSpec.parse("input 20 | dense 16 | relu | dense 3"), 4);
        assertThatThrownBy(() -> FixedPointLoss.of(small, List.of(DATA), ComputePool.serial()))
                .hasMessageContaining("4 classes");
    }

    @Test
    void prefixAccuracyOverAllOutputsIsTheEvaluatorsCount() {
        Model m = Initializer.initialize(SPEC, 4);
        int all = PrefixAccuracy.correct(m, DATA, 4, ComputePool.serial());
        assertThat(all).isEqualTo(new Evaluator(ComputePool.serial()).correctCount(m, DATA));
        assertThat(PrefixAccuracy.correct(m, DATA, 1, ComputePool.serial())).isEqualTo((int)
                Arrays.stream(DATA.labels()).filter(l -> l == 0).count());
    }
}
