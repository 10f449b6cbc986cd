package io.learnchain.learn.lifelong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.fixtures.SyntheticData;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.train.FrozenParameters;
import io.learnchain.learn.train.Initializer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelGrowthTest {
    private static final ModelSpec SMALL = ModelSpec.parse("input 20 | dense 16 | relu | dense 3");

    @Test
    void grownSpecWidensTheOutputAndTheLastHiddenLayer() {
        assertThat(ModelGrowth.grownSpec(SMALL, 5, 4).text()).isEqualTo("input 20 | dense 20 | relu | dense 5");
        assertThat(ModelGrowth.grownSpec(SMALL, 5, 0).text()).isEqualTo("input 20 | dense 16 | relu | dense 5");
        assertThat(ModelGrowth.grownSpec(PredefinedModels.LENET5, 12, 6).outputSize())
                .isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 77})
    void growthKeepsEveryOldParameterBitForBitAndOldLogitsExactly(long seed) {
        System.out.println("seed " + seed);
        Model old = Initializer.initialize(SMALL, seed);
        Model grown = ModelGrowth.grow(old, 5, 4, seed + 100);
        assertThat(ModelGrowth.checkFrozen(old, grown)).isEmpty();
        Dataset data = SyntheticData.make("x", new int[] {20}, 3, 50, seed);
        float[] a = logits(old, data);
        float[] b = logits(grown, data);
        for (int s = 0; s < data.count(); s++) {
            for (int j = 0; j < 3; j++) {
                assertThat(Float.floatToRawIntBits(b[s * 5 + j]))
                        .as("sample %d class %d", s, j)
                        .isEqualTo(Float.floatToRawIntBits(a[s * 3 + j]));
            }
        }
    }

    @Test
    void planFreezesOldImagesAndTheZeroBlockOnly() {
        ModelSpec grownSpec = ModelGrowth.grownSpec(SMALL, 5, 4);
        ModelGrowth.Plan plan = ModelGrowth.plan(SMALL, grownSpec);
        FrozenParameters frozen = plan.frozen();
        int oldCount = SMALL.layout().parameterCount();
        assertThat(frozen.count()).isEqualTo(grownSpec.layout().parameterCount());
        assertThat(frozen.frozenCount()).isEqualTo(oldCount + 4 * 3);
        // the first hidden weight row: 16 old columns frozen, 4 new ones train
        assertThat(frozen.isFrozen(15)).isTrue();
        assertThat(frozen.isFrozen(16)).isFalse();
        assertThat(Arrays.stream(plan.oldToNew()).distinct().count()).isEqualTo(oldCount);
    }

    @Test
    void checkFrozenNamesTheFirstChangedOldParameter() {
        Model old = Initializer.initialize(SMALL, 5);
        Model grown = ModelGrowth.grow(old, 4, 2, 6);
        float[] p = grown.parameters();
        int target = ModelGrowth.plan(SMALL, grown.spec()).oldToNew()[40];
        p[target] = Math.nextUp(p[target]);
        assertThat(ModelGrowth.checkFrozen(old, new Model(grown.spec(), p)))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("old parameter 40").contains("bit-identical"));
    }

    @Test
    void checkFrozenRejectsALinkFromANewNeuronToAnOldClass() {
        Model old = Initializer.initialize(SMALL, 5);
        Model grown = ModelGrowth.grow(old, 4, 2, 6);
        float[] p = grown.parameters();
        int zero = ModelGrowth.plan(SMALL, grown.spec()).zeroFrozen().nextSetBit(0);
        p[zero] = 0.5f;
        assertThat(ModelGrowth.checkFrozen(old, new Model(grown.spec(), p)))
                .hasValueSatisfying(m -> assertThat(m).contains("must be 0"));
    }

    @Test
    void rejectsAChangeThatIsNotAGrowth() {
        assertThatThrownBy(() -> ModelGrowth.plan(SMALL, ModelSpec.parse("input 20 | dense 16 | tanh | dense 5")))
                .hasMessageContaining("layer 1 changes");
        assertThatThrownBy(() -> ModelGrowth.plan(SMALL, ModelSpec.parse("input 20 | dense 12 | relu | dense 5")))
                .hasMessageContaining("not a growth");
        assertThatThrownBy(() -> ModelGrowth.grownSpec(SMALL, 3, 0)).hasMessageContaining("must add");
        assertThatThrownBy(() -> ModelGrowth.grownSpec(ModelSpec.parse("input 20 | dense 3 | relu"), 4, 0))
                .hasMessageContaining("last layer is dense");
    }

    @Test
    void checkUnchangedCatchesAFrozenBitFlipInALaterUpdate() {
        Model old = Initializer.initialize(SMALL, 5);
        Model grown = ModelGrowth.grow(old, 4, 2, 6);
        FrozenParameters frozen = ModelGrowth.plan(SMALL, grown.spec()).frozen();
        float[] p = grown.parameters();
        int free = 16; // a new hidden column of the first weight row
        p[free] += 1f;
        assertThat(ModelGrowth.checkUnchanged(grown, new Model(grown.spec(), p), frozen))
                .isEmpty();
        p[0] = Math.nextDown(p[0]);
        assertThat(ModelGrowth.checkUnchanged(grown, new Model(grown.spec(), p), frozen))
                .isPresent();
    }

    private static float[] logits(Model m, Dataset data) {
        Network net = new Network(m.spec(), data.count());
        net.load(m);
        return net.forward(ComputePool.serial(), data.features(), data.count()).clone();
    }
}
