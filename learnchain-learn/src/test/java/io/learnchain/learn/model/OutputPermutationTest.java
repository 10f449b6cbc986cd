package io.learnchain.learn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reordering outputs by moving weights: for every kind of last trainable layer, output j of the
 * reordered model equals output order[j] of the source (bit for bit, except through an LSTM's
 * recurrent sum, whose terms come in the new order), on random inputs and random parameters (not
 * an initialisation whose symmetries could hide a wrong index).
 */
class OutputPermutationTest {
    private static final int BATCH = 5;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "input 784 | dense 64 | relu | dense 10",
                "input 12 | dense 7 | sigmoid",
                "input 1x28x28 | conv2d 6 k5 s1 p2 | relu | maxpool 2 s2 | conv2d 16 k5 s1 p0 | relu | maxpool 2 s2 | flatten"
                        + " | dense 120 | relu | dense 84 | relu | dense 10",
                "input 28x28 | lstm 128 | dense 10",
                "input 6x5 | lstm 4 | tanh",
                "input 2x6x6 | conv2d 4 k3 s1 p0 | relu | maxpool 4 s4 | flatten",
                "input 1x3x3 | conv2d 5 k3 s1 p0 | flatten | relu"
            })
    void outputJOfTheResultIsOutputOrderJOfTheSource(String text) {
        ModelSpec spec = ModelSpec.parse(text);
        assertThat(OutputPermutation.supports(spec)).isTrue();
        Model model = random(spec, text.length());
        int[] order = identity(spec.outputSize());
        new SplitMix64(7).shuffle(order);
        Model moved = OutputPermutation.apply(model, order);

        float[] x = inputs(spec, 11);
        float[] before = forward(model, x);
        float[] after = forward(moved, x);
        int c = spec.outputSize();
        boolean recurrent = spec.layers().stream().anyMatch(l -> l instanceof LayerSpec.Lstm);
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < c; j++) {
                if (recurrent) { // h . Wh sums the hidden units in their new order: equal up to rounding
                    assertThat(after[b * c + j])
                            .as("sample %d output %d", b, j)
                            .isCloseTo(before[b * c + order[j]], org.assertj.core.data.Offset.offset(1e-5f));
                } else {
                    assertThat(Float.floatToRawIntBits(after[b * c + j]))
                            .as("sample %d output %d", b, j)
                            .isEqualTo(Float.floatToRawIntBits(before[b * c + order[j]]));
                }
            }
        }
        assertThat(OutputPermutation.apply(moved, OutputPermutation.inverse(order)))
                .isEqualTo(model);
        assertThat(moved).isNotEqualTo(model);
    }

    @Test
    void classesSpreadOverPositionsCannotBeReordered() {
        ModelSpec spec = ModelSpec.parse("input 1x2x2 | conv2d 2 k1 s1 p0 | flatten");
        assertThat(OutputPermutation.supports(spec)).isFalse();
        assertThatThrownBy(() -> OutputPermutation.apply(random(spec, 1), new int[] {1, 0, 2, 3, 4, 5, 6, 7}))
                .hasMessageContaining("cannot be reordered");
    }

    @Test
    void refusesWhatIsNotAPermutation() {
        Model model = random(ModelSpec.parse("input 3 | dense 3"), 2);
        assertThatThrownBy(() -> OutputPermutation.apply(model, new int[] {0, 0, 1}))
                .hasMessageContaining("not a permutation");
        assertThatThrownBy(() -> OutputPermutation.apply(model, new int[] {0, 1}))
                .hasMessageContaining("2 outputs for a model of 3");
    }

    private static Model random(ModelSpec spec, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] p = new float[spec.layout().parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (rng.nextGaussian() * 0.3);
        }
        return new Model(spec, p);
    }

    private static float[] inputs(ModelSpec spec, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[BATCH * spec.layout().input().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        return x;
    }

    private static float[] forward(Model model, float[] x) {
        Network net = new Network(model.spec(), BATCH);
        net.load(model);
        return net.forward(ComputePool.serial(), x, BATCH).clone();
    }

    private static int[] identity(int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }
}
