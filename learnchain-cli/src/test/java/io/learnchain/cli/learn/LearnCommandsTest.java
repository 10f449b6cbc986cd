package io.learnchain.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.cli.Main;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.PredefinedModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        JsonNode lastJson() throws IOException {
            String[] lines = out.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        }
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainsOnBundledSubsetWritesFilesAndEvalAgrees() throws IOException {
        Path out = tmp.resolve("model");
        Run r = run(
                "train",
                "--model",
                "mlp-small",
                "--dataset",
                "fashion-mnist-small",
                "--steps",
                "30",
                "--batch",
                "32",
                "--lr",
                "0.002",
                "--seed",
                "3",
                "--threads",
                "2",
                "--out",
                out.toString(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.lastJson();
        assertThat(j.get("modelHash").asText()).hasSize(64);
        assertThat(j.get("testAccuracy").asDouble()).isGreaterThan(0.3);
        assertThat(j.get("trainAccuracy").asDouble()).isGreaterThan(0.3);
        assertThat(j.get("samplesPerSecond").asDouble()).isPositive();
        assertThat(j.get("steps").asLong()).isEqualTo(30);
        for (String f : new String[] {"model.lcm", "model.safetensors", "model.onnx", "metadata.json"}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        JsonNode meta = JSON.readTree(out.resolve("metadata.json").toFile());
        assertThat(meta.get("modelHash").asText()).isEqualTo(j.get("modelHash").asText());
        assertThat(meta.get("trainingRecord").get("hash").asText())
                .isEqualTo(j.get("trainingRecordHash").asText());

        Run eval = run(
                "eval",
                "--model-file",
                out.resolve("model.lcm").toString(),
                "--dataset",
                "fashion-mnist-small",
                "--json");
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.lastJson().get("correct").asInt())
                .isEqualTo(j.get("testCorrect").asInt());
        assertThat(eval.lastJson().get("total").asInt()).isEqualTo(1000);

        Run fromSafetensors =
                run("eval", "--model-file", out.resolve("model.safetensors").toString());
        assertThat(fromSafetensors.out())
                .contains("correct  " + j.get("testCorrect").asInt());
    }

    @Test
    void sameSeedSameHashWhateverTheThreadCount() throws IOException {
        Run one = run(
                "train",
                "--model",
                "mlp-small",
                "--steps",
                "5",
                "--batch",
                "16",
                "--seed",
                "9",
                "--threads",
                "1",
                "--json");
        Run two = run(
                "train",
                "--model",
                "mlp-small",
                "--steps",
                "5",
                "--batch",
                "16",
                "--seed",
                "9",
                "--threads",
                "2",
                "--json");
        assertThat(one.lastJson().get("modelHash")).isEqualTo(two.lastJson().get("modelHash"));
    }

    @Test
    void printsHumanReport() {
        Run r = run("train", "--model", "mlp-small", "--steps", "3", "--batch", "8");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("train acc", "test acc", "samples/s", "model hash");
    }

    @Test
    void exportsFromSafetensorsToTheSameModel() throws IOException {
        Path first = tmp.resolve("a");
        JsonNode j = run(
                        "train",
                        "--model",
                        "dqn-mlp",
                        "--dataset",
                        "csv:" + cartpoleCsv(),
                        "--steps",
                        "4",
                        "--batch",
                        "4",
                        "--out",
                        first.toString(),
                        "--json")
                .lastJson();
        Path second = tmp.resolve("b");
        Run export = run(
                "model", "export", "--in", first.resolve("model.safetensors").toString(), "--out", second.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("model hash " + j.get("modelHash").asText());
        assertThat(Files.readAllBytes(second.resolve("model.lcm")))
                .isEqualTo(Files.readAllBytes(first.resolve("model.lcm")));
        assertThat(Files.readAllBytes(second.resolve("model.onnx")))
                .isEqualTo(Files.readAllBytes(first.resolve("model.onnx")));
    }

    @Test
    void trainsCustomSpecFromJsonAndToml() throws IOException {
        Path json = Files.writeString(tmp.resolve("spec.json"), """
                {"input": [1, 28, 28], "layers": [
                  {"type": "conv2d", "filters": 2, "kernel": 3, "stride": 2},
                  {"type": "relu"}, {"type": "maxpool", "size": 2}, {"type": "flatten"}, {"type": "dense", "units": 10}]}
                """);
        Run a = run("train", "--model-spec", json.toString(), "--steps", "2", "--batch", "8", "--json");
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(a.lastJson().get("spec").asText())
                .isEqualTo("input 1x28x28 | conv2d 2 k3 s2 p0 | relu | maxpool 2 s2 | flatten | dense 10");
        Path toml = Files.writeString(tmp.resolve("spec.toml"), """
                input = [784]
                [[layers]]
                type = "dense"
                units = 16
                [[layers]]
                type = "tanh"
                [[layers]]
                type = "dense"
                units = 10
                """);
        Run b = run("train", "--model-spec", toml.toString(), "--steps", "2", "--batch", "8", "--json");
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.lastJson().get("spec").asText()).isEqualTo("input 784 | dense 16 | tanh | dense 10");
    }

    @Test
    void showsTheEngineValidationErrorOfABadSpec() throws IOException {
        Path bad = Files.writeString(
                tmp.resolve("bad.json"),
                "{\"input\": [1, 28, 28], \"layers\": [{\"type\": \"dense\", \"units\": 10}]}");
        Run r = run("train", "--model-spec", bad.toString(), "--steps", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .startsWith("error: model spec " + bad)
                .contains("add a flatten layer")
                .doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void userMistakesExitTwoWithOneLine() {
        Run unknown = run("train", "--model", "resnet", "--steps", "1");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown predefined model 'resnet'");
        Run noDir = run("train", "--dataset", "fashion-mnist:" + tmp.resolve("none"), "--steps", "1");
        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.err()).contains("is not a folder");
        Run mismatch = run("train", "--model", "dqn-mlp", "--steps", "1");
        assertThat(mismatch.exit()).isEqualTo(2);
        assertThat(mismatch.err()).contains("model input");
        Run noModel = run("eval", "--model-file", tmp.resolve("missing.lcm").toString());
        assertThat(noModel.exit()).isEqualTo(2);
        assertThat(noModel.err()).contains("does not exist");
    }

    private Path cartpoleCsv() throws IOException {
        StringBuilder csv = new StringBuilder("label,x,v,theta,omega\n");
        for (int i = 0; i < 40; i++) {
            float theta = (i % 7 - 3) / 10f;
            csv.append(theta > 0 ? 1 : 0)
                    .append(',')
                    .append(i / 40f)
                    .append(",0.5,")
                    .append(theta)
                    .append(",-0.25\n");
        }
        return Files.writeString(tmp.resolve("cartpole.csv"), csv);
    }

    @Test
    void trainsAndEvaluatesAnOnnxModelWithOrWithoutItsWeights() throws IOException {
        Path first = tmp.resolve("first");
        Run trained = run(
                "train", "--model", "mlp-small", "--steps", "20", "--batch", "32", "--out", first.toString(), "--json");
        assertThat(trained.exit()).as(trained.err()).isZero();
        String hash = trained.lastJson().get("modelHash").asText();
        String onnx = first.resolve("model.onnx").toString();

        Run evalOnnx = run("eval", "--model-onnx", onnx, "--json");
        Run evalLcm = run("eval", "--model-file", first.resolve("model.lcm").toString(), "--json");
        assertThat(evalOnnx.exit()).as(evalOnnx.err()).isZero();
        assertThat(evalOnnx.lastJson().get("modelHash").asText())
                .as("the ONNX file reads back bit for bit")
                .isEqualTo(hash);
        assertThat(evalOnnx.lastJson().get("correct"))
                .isEqualTo(evalLcm.lastJson().get("correct"));

        Run fromWeights =
                run("train", "--model-onnx", onnx, "--onnx-weights", "--steps", "5", "--batch", "32", "--json");
        assertThat(fromWeights.exit()).as(fromWeights.err()).isZero();
        assertThat(fromWeights.lastJson().get("start").asText()).isEqualTo("parent " + hash);
        assertThat(fromWeights.lastJson().get("spec").asText()).isEqualTo("input 784 | dense 64 | relu | dense 10");
        assertThat(fromWeights.lastJson().get("testAccuracy").asDouble())
                .as("it goes on from a trained model")
                .isGreaterThan(0.5);

        Run fromSeed = run("train", "--model-onnx", onnx, "--steps", "5", "--batch", "32", "--json");
        assertThat(fromSeed.exit()).as(fromSeed.err()).isZero();
        assertThat(fromSeed.lastJson().get("start").asText()).isEqualTo("seed 1");
    }

    @Test
    void anOnnxFileTheEngineCannotTakeIsOneLineAndExitCode2() throws IOException {
        ModelProto.Builder proto = OnnxExporter.toProto(new Model(
                        PredefinedModels.MLP_SMALL,
                        new float[PredefinedModels.MLP_SMALL.layout().parameterCount()]))
                .toBuilder();
        proto.getGraphBuilder().getNodeBuilder(1).setOpType("LeakyRelu");
        Path bad = tmp.resolve("bad.onnx");
        Files.write(bad, proto.build().toByteArray());
        for (Run shown :
                new Run[] {run("train", "--model-onnx", bad.toString()), run("eval", "--model-onnx", bad.toString())}) {
            assertThat(shown.exit()).isEqualTo(2);
            assertThat(shown.err().strip())
                    .startsWith("error: " + bad + ": node '1.relu' (LeakyRelu) is not supported; supported: Gemm")
                    .doesNotContain("\n", "Exception");
        }
        Run weightsAlone = run("train", "--onnx-weights", "--steps", "1");
        assertThat(weightsAlone.exit()).isEqualTo(2);
        assertThat(weightsAlone.err()).contains("--onnx-weights starts from the weights of --model-onnx FILE");
        Run twoModels = run("train", "--model", "mlp", "--model-onnx", bad.toString());
        assertThat(twoModels.exit()).isEqualTo(2);
        assertThat(twoModels.err()).contains("give one of --model, --model-spec or --model-onnx");
        Run missing = run("eval", "--model-onnx", tmp.resolve("none.onnx").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
    }
}
