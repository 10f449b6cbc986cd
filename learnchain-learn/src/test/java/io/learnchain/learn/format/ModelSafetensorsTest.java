package io.learnchain.learn.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSafetensorsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp-small", "mlp", "lenet5", "lstm-rows", "dqn-mlp"})
    void roundTripsEveryPredefinedModelToTheSameHash(String name) {
        Model model = Initializer.initialize(PredefinedModels.byName(name), 5);
        Model back = ModelSafetensors.read(ModelSafetensors.write(model), name + ".safetensors");
        assertThat(back.hash()).isEqualTo(model.hash());
    }

    @Test
    void usesPyTorchNamesAndLayouts() {
        Model model = Initializer.initialize(PredefinedModels.LENET5, 1);
        List<NamedTensor> tensors = TorchTensors.fromModel(model);
        assertThat(tensors)
                .extracting(NamedTensor::name)
                .containsExactly(
                        "0.weight",
                        "0.bias",
                        "3.weight",
                        "3.bias",
                        "7.weight",
                        "7.bias",
                        "9.weight",
                        "9.bias",
                        "11.weight",
                        "11.bias");
        assertThat(tensors.get(0).shape()).containsExactly(6, 1, 5, 5);
        assertThat(tensors.get(4).shape()).containsExactly(120, 400);
        var layout = model.spec().layout();
        float[] engineW = model.tensor(layout.tensors().get(4)); // [400 x 120]
        assertThat(tensors.get(4).data()[3 * 400 + 17]).isEqualTo(engineW[17 * 120 + 3]);

        List<NamedTensor> lstm = TorchTensors.fromModel(Initializer.initialize(PredefinedModels.LSTM_ROWS, 1));
        assertThat(lstm)
                .extracting(NamedTensor::name)
                .containsExactly(
                        "0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "1.weight", "1.bias");
        assertThat(lstm.get(0).shape()).containsExactly(512, 28);
    }

    @Test
    void rejectsTamperedTensors() {
        Model model = Initializer.initialize(PredefinedModels.MLP_SMALL, 3);
        byte[] bytes = ModelSafetensors.write(model);
        bytes[bytes.length - 2] ^= 0x10;
        assertThatThrownBy(() -> ModelSafetensors.read(bytes, "m.safetensors"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("edited or corrupted");
    }

    @Test
    void rejectsFilesWithoutSpec() {
        byte[] plain = Safetensors.write(List.of(SafetensorsTest.BIAS), Map.of());
        assertThatThrownBy(() -> ModelSafetensors.read(plain, "p")).hasMessageContaining("architecture is unknown");
    }

    @Test
    void writesValidMetadataJson() {
        ModelSpec spec = PredefinedModels.MLP_SMALL;
        Model model = Initializer.initialize(spec, 3);
        TrainingRecord record = new TrainingRecord(new TrainingStart.FromSeed(3), Optimizer.Adam.of(1e-3f), 64, 10, 5);
        String json = new ModelMetadata(
                        model,
                        Optional.of(record),
                        Map.of("testAccuracy", 0.8125),
                        Map.of("dataset", "fashion-mnist-small \"quoted\""))
                .toJson();
        Map<?, ?> parsed = (Map<?, ?>) Json.parse(json, "metadata.json");
        assertThat(parsed.get("modelHash")).isEqualTo(model.hash().toHex());
        assertThat(parsed.get("spec")).isEqualTo(spec.text());
        assertThat(parsed.get("parameterCount")).isEqualTo((long) model.parameterCount());
        assertThat(((Map<?, ?>) parsed.get("trainingRecord")).get("hash"))
                .isEqualTo(record.hash().toHex());
        assertThat(((Map<?, ?>) parsed.get("metrics")).get("testAccuracy")).isEqualTo(0.8125);
        assertThat(((Map<?, ?>) parsed.get("notes")).get("dataset")).isEqualTo("fashion-mnist-small \"quoted\"");
    }
}
