package io.learnchain.learn.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.format.onnx.OnnxImport;
import io.learnchain.learn.format.onnx.OnnxImportException;
import io.learnchain.learn.format.onnx.OnnxImporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ONNX files exported by PyTorch import as the engine model PyTorch ran: the same layers, the same outputs. */
class OnnxImporterTest {
    static final float TORCH_TOLERANCE = 1e-4f;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "mlp; input 1x28x28 | flatten | dense 32 | relu | dense 16 | tanh | dense 16 | sigmoid | dense 10",
                "lenet; input 1x28x28 | conv2d 4 k5 s1 p2 | relu | maxpool 2 s2 | conv2d 8 k5 s1 p0 | relu"
                        + " | maxpool 2 s2 | flatten | dense 32 | relu | dense 10",
                "conv-view; input 1x12x12 | conv2d 3 k3 s2 p1 | tanh | flatten | dense 5",
                "conv-batchnorm; input 1x8x8 | conv2d 3 k3 s1 p0 | relu | flatten | dense 4",
                "lstm-last-step; input 28x28 | lstm 16 | dense 10",
                "lstm-last-hidden; input 7x6 | lstm 5 | relu | dense 3",
                "lstm-fixed-batch; input 5x4 | lstm 3 | dense 2"
            })
    void importsTheLayersOfATorchSequential(String name, String spec) {
        assertThat(OnnxImporter.read(OnnxFixtures.onnx(name)).spec().text()).isEqualTo(spec);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "mlp",
                "lenet",
                "conv-view",
                "conv-batchnorm",
                "lstm-last-step",
                "lstm-last-hidden",
                "lstm-fixed-batch"
            })
    void predictsWhatPyTorchPredicted(String name) {
        Model model = OnnxImporter.read(OnnxFixtures.onnx(name)).model();
        float[] x = OnnxFixtures.inputs(name);
        float[] expected = OnnxFixtures.outputs(name);
        int n = x.length / model.spec().layout().input().size();
        Dataset inputs = new Dataset(
                name, model.spec().layout().input().dims(), model.spec().outputSize(), x, new int[n]);
        float[] engine = OnnxExporterTest.engineLogits(model, inputs);
        assertThat(engine).hasSameSizeAs(expected);
        float worst = 0;
        for (int i = 0; i < engine.length; i++) {
            worst = Math.max(worst, Math.abs(engine[i] - expected[i]));
        }
        System.out.println(name + ": largest difference to PyTorch's logits " + worst);
        assertThat(worst).isLessThanOrEqualTo(TORCH_TOLERANCE);
        int classes = model.spec().outputSize();
        for (int s = 0; s < n; s++) {
            assertThat(OnnxExporterTest.argmax(engine, s * classes, classes))
                    .isEqualTo(OnnxExporterTest.argmax(expected, s * classes, classes));
        }
    }

    @Test
    void dropsAFinalLogSoftmaxAndSaysSo() {
        OnnxImport imported = OnnxImporter.read(OnnxFixtures.onnx("mlp"));
        assertThat(imported.notes()).singleElement().asString().contains("dropped the final LogSoftmax");
        assertThat(OnnxImporter.read(OnnxFixtures.onnx("lenet")).notes()).isEmpty();
    }

    @Test
    void refusesAnUnsupportedOperatorInOneLineNamingNodeOpAndTheSupportedSet() {
        assertThatThrownBy(() -> OnnxImporter.read(OnnxFixtures.onnx("unsupported-avgpool")))
                .isInstanceOf(OnnxImportException.class)
                .hasMessage(
                        "node '/0/AveragePool' (AveragePool) is not supported; supported: " + OnnxImporter.SUPPORTED)
                .message()
                .doesNotContain("\n");
    }

    @Test
    void refusesADilatedConvolutionNamingTheAttribute() {
        assertThatThrownBy(() -> OnnxImporter.read(OnnxFixtures.onnx("unsupported-dilation")))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageStartingWith("node '/0/Conv' (Conv): dilations [2, 2] are not supported; supported: Conv"
                        + " with square kernels")
                .message()
                .doesNotContain("\n");
    }

    @Test
    void refusesBytesThatAreNotOnnx() {
        assertThatThrownBy(() -> OnnxImporter.read(OnnxFixtures.bytes("lenet.inputs.npy")))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageStartingWith("not an ONNX model");
        assertThatThrownBy(() -> OnnxImporter.read(new byte[0]))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageStartingWith("not an ONNX model");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "mlp-small",
                "lenet5",
                "lstm-rows",
                "input 1x12x10 | conv2d 3 k3 s2 p1 | sigmoid | maxpool 2 s1 | flatten | dense 8 | tanh | dense 4",
                "input 6x5 | lstm 7 | tanh | dense 3"
            })
    void readsTheEnginesOwnExportBackBitForBit(String specOrName) {
        ModelSpec spec =
                specOrName.startsWith("input") ? ModelSpec.parse(specOrName) : PredefinedModels.byName(specOrName);
        Model model = OnnxExporterTest.trainBriefly(spec, OnnxExporterTest.randomData(spec, 64, 5));
        OnnxImport back = OnnxImporter.read(OnnxExporter.export(model));
        assertThat(back.spec()).isEqualTo(spec);
        assertThat(back.model().hash()).isEqualTo(model.hash());
    }
}
