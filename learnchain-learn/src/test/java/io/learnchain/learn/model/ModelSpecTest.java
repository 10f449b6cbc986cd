package io.learnchain.learn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.model.LayerSpec.Dense;
import io.learnchain.learn.model.LayerSpec.Flatten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp-small", "mlp", "lenet5", "lstm-rows", "dqn-mlp"})
    void predefinedSpecsRoundTripThroughCanonicalText(String name) {
        ModelSpec spec = PredefinedModels.byName(name);
        assertThat(ModelSpec.parse(spec.text())).isEqualTo(spec);
    }

    @Test
    void lenet5HasTheClassicShapesAndParameterCount() {
        ModelLayout l = PredefinedModels.LENET5.layout();
        assertThat(l.shapes().get(1)).isEqualTo(Shape.of(6, 28, 28));
        assertThat(l.shapes().get(6)).isEqualTo(Shape.of(16, 5, 5));
        assertThat(l.output()).isEqualTo(Shape.of(10));
        assertThat(l.parameterCount())
                .isEqualTo(6 * 25 + 6 + 16 * 150 + 16 + 400 * 120 + 120 + 120 * 84 + 84 + 84 * 10 + 10);
        assertThat(PredefinedModels.LENET5.text())
                .isEqualTo(
                        "input 1x28x28 | conv2d 6 k5 s1 p2 | relu | maxpool 2 s2"
                                + " | conv2d 16 k5 s1 p0 | relu | maxpool 2 s2 | flatten | dense 120 | relu | dense 84 | relu | dense 10");
    }

    @Test
    void mlpHasTensorsInDeclaredOrder() {
        ModelLayout l = PredefinedModels.MLP.layout();
        assertThat(l.tensors())
                .extracting(TensorSpec::name)
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(l.tensors().get(2).offset()).isEqualTo(784 * 256 + 256);
        assertThat(l.parameterCount()).isEqualTo(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
    }

    @Test
    void rejectsDenseOnImageNamingLayerAndShape() {
        assertThatThrownBy(() -> ModelSpec.of(Shape.of(1, 28, 28), new Dense(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 0 (dense 10)")
                .hasMessageContaining("[1, 28, 28]")
                .hasMessageContaining("add a flatten layer");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "input 1x4x4 | conv2d 2 k5 s1 p0 | flatten | dense 2; layer 0 (conv2d 2 k5 s1 p0): window 5",
                "input 784 | maxpool 2 s2 | dense 2; layer 0 (maxpool 2 s2) needs an input [channels, height, width] but gets [784]",
                "input 784 | lstm 8 | dense 2; layer 0 (lstm 8) needs an input [steps, features] but gets [784]",
                "input 1x28x28 | conv2d 2 k3 s1 p1; must end flat",
                "input 784 | relu; no trainable layer",
                "input 784 | dense 0; dense units must be in",
                "input 784 | dense 10 | softmax; unknown layer 'softmax'",
                "inp 784 | dense 10; must start with 'input <dims>'",
                "input 784 | dense 010; not a canonical non-negative integer",
            })
    void rejectsInvalidSpecsWithSpecificMessages(String text, String message) {
        assertThatThrownBy(() -> ModelSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void unknownPredefinedNameListsKnownNames() {
        assertThatThrownBy(() -> PredefinedModels.byName("resnet"))
                .hasMessageContaining("unknown predefined model 'resnet'")
                .hasMessageContaining("lenet5");
    }

    @Test
    void flattenMakesImageFitDense() {
        ModelSpec s = ModelSpec.of(Shape.of(2, 3, 3), new Flatten(), new Dense(4));
        assertThat(s.layout().shapes().get(1)).isEqualTo(Shape.of(18));
        assertThat(s.outputSize()).isEqualTo(4);
    }
}
