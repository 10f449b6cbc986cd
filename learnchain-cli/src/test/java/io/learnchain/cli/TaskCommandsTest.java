package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.format.ModelSafetensors;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.OutputPermutation;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.pole.PoleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * task, miner and account commands against one in-process dev node (RocksDB in a temp dir,
 * mlp-small on the bundled subset, 60 steps): the node posts a task and mines two of its rounds by
 * itself; task model writes files that load.
 */
class TaskCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private LearnchainNode node;
    private String api;

    @BeforeEach
    void startNode() {
        node = LearnchainNode.start(
                NodeConfig.dev(Optional.of(tmp.resolve("node")), 0, 1),
                Clock.system(),
                PoleConfig.DEFAULT.withTraining(60, 32, 0.005f).withWindows(300, 200));
        api = "http://127.0.0.1:" + node.apiPort();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private JsonNode json(String... args) throws Exception {
        Cli.Run run = Cli.run(args);
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        String[] lines = run.out().strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    @Test
    void postsATaskMinesTwoRoundsAndSavesTheModel() throws Exception {
        JsonNode posted = json(
                "task",
                "post",
                "--model",
                "mlp-small",
                "--dataset",
                "fashion-mnist-small",
                "--reward",
                "5",
                "--rounds",
                "3",
                "--min-accuracy",
                "0.3",
                "--min-phase",
                "0",
                "--expected-seconds",
                "1",
                "--api",
                api,
                "--json");
        assertThat(posted.path("escrow").path("coins").asText()).isEqualTo("15");
        long deadline = System.nanoTime() + 40_000_000_000L;
        JsonNode task = null;
        while (System.nanoTime() < deadline) {
            Cli.Run show = Cli.run("task", "show", "1", "--api", api, "--json");
            if (show.exitCode() == 0) { // 2 (no task 1 yet) until a block includes the PostTask
                task = JSON.readTree(show.out().strip());
                if (task.path("summary").path("roundsDone").asInt() >= 2) {
                    break;
                }
            }
            Thread.sleep(200);
        }
        assertThat(task).as("task 1 never appeared").isNotNull();
        assertThat(task.path("summary").path("roundsDone").asInt())
                .as(task.toString())
                .isGreaterThanOrEqualTo(2);
        assertThat(json("task", "list", "--status", "running", "--api", api, "--json")
                        .path("tasks"))
                .hasSize(1);
        Cli.Run shown = Cli.run("task", "show", "1", "--api", api);
        assertThat(shown.out()).contains("round 1", "winner " + DevAccounts.address(0), "download    round");

        Path out = tmp.resolve("model");
        JsonNode saved = json("task", "model", "1", "--out", out.toString(), "--api", api, "--json");
        Model model = ModelSafetensors.read(Files.readAllBytes(out.resolve("model.safetensors")), "test");
        assertThat(model.hash().toHex()).isEqualTo(saved.path("modelHash").asText());
        assertThat(ModelSafetensors.write(model)).isEqualTo(Files.readAllBytes(out.resolve("model.safetensors")));
        assertThat(ModelProto.parseFrom(Files.readAllBytes(out.resolve("model.onnx")))
                        .getGraph()
                        .getNodeCount())
                .isPositive();
        JsonNode meta = JSON.readTree(out.resolve("metadata.json").toFile());
        assertThat(meta.path("notes").path("taskId").asText()).isEqualTo("1");
        assertThat(meta.path("notes").path("trainingSet").asText()).hasSize(64);
        assertThat(meta.path("trainingRecord").path("text").asText()).isNotBlank();

        // the requester classifies its own test data with the files it downloaded
        Dataset test = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        byte[] onnxBytes = Files.readAllBytes(out.resolve("model.onnx"));
        int[] inputShape = RequesterEval.ints(meta.path("inputShape"));
        double onnx = RequesterEval.onnxAccuracy(onnxBytes, test, inputShape);
        double safetensors = RequesterEval.safetensorsAccuracy(
                Files.readAllBytes(out.resolve("model.safetensors")),
                meta.path("spec").asText(),
                test);
        double shard = meta.path("metrics").path("shardAccuracy").asDouble();
        double reported = meta.path("metrics").path("testAccuracy").asDouble();
        System.out.printf(
                "task model: round %s (%s), ONNX Runtime %.4f, safetensors %.4f, node's test accuracy %.4f,"
                        + " verified shard accuracy %.4f%n",
                meta.path("notes").path("round").asText(),
                meta.path("notes").path("choice").asText(),
                onnx,
                safetensors,
                reported,
                shard);
        assertThat(onnx)
                .as("ONNX Runtime accuracy on the requester's test set")
                .isGreaterThan(0.5)
                .isCloseTo(shard, within(0.1))
                .isCloseTo(reported, within(0.005));
        assertThat(safetensors)
                .as("safetensors accuracy on the requester's test set")
                .isCloseTo(onnx, within(0.005));
        assertThat(meta.path("metrics").path("testSamples").asInt()).isEqualTo(test.count());

        // the control: the model as mined (the mapping put back) answers in the round's labels, near chance here
        int[] mapping = RequesterEval.ints(
                JSON.readTree(meta.path("notes").path("roundMapping").asText()));
        Model mined = OutputPermutation.apply(model, OutputPermutation.inverse(mapping));
        assertThat(mined.hash().toHex())
                .isEqualTo(meta.path("notes").path("minedModelHash").asText());
        double minedOnnx = RequesterEval.onnxAccuracy(OnnxExporter.export(mined), test, inputShape);
        System.out.printf("task model: the mined model on the requester's labels %.4f%n", minedOnnx);
        assertThat(minedOnnx).as("the mined model on the requester's labels").isLessThan(onnx - 0.2);

        // the default is the best round on the test set; --round gives another
        JsonNode detail = json("task", "show", "1", "--api", api, "--json");
        double best = 0;
        int roundsWon = meta.path("notes").path("roundsWon").asInt(); // more may have been won since the download
        for (JsonNode r : detail.path("rounds")) {
            if (r.path("round").asInt() <= roundsWon) {
                best = Math.max(best, r.path("testAccuracy").asDouble());
            }
        }
        assertThat(reported).isEqualTo(best);
        assertThat(meta.path("notes").path("choice").asText()).isEqualTo("best-test-accuracy");
        JsonNode first = json(
                "task",
                "model",
                "1",
                "--round",
                "1",
                "--out",
                tmp.resolve("round1").toString(),
                "--api",
                api,
                "--json");
        assertThat(first.path("round").asInt()).isEqualTo(1);
        assertThat(first.path("metadata").path("notes").path("choice").asText()).isEqualTo("requested");
        assertThat(first.path("metadata").path("metrics").path("testAccuracy").asDouble())
                .isEqualTo(detail.path("rounds").get(0).path("testAccuracy").asDouble());

        JsonNode miner = json("miner", "status", "--api", api, "--json");
        assertThat(miner.path("wins").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(json("miner", "stop", "--api", api, "--json").path("phase").asText())
                .isEqualTo("STOPPED");
        assertThat(json("miner", "start", "--api", api, "--json").path("mining").asBoolean())
                .isTrue();

        String me = DevAccounts.address(0).toString();
        JsonNode history = json("account", "history", me, "--api", api, "--json");
        assertThat(history.path("entries").findValuesAsText("kind")).contains("escrow", "reward");
        Cli.Run csv = Cli.run("account", "history", "dev:0", "--csv", "--api", api);
        assertThat(csv.out()).startsWith("height,timestamp,kind,amount").contains(",escrow,-15,");
        assertThat(json("account", "show", me, "--api", api, "--json")
                        .path("reputation")
                        .asLong())
                .isGreaterThanOrEqualTo(2);

        // the second round may or may not be decided by now: a running task is cancelled, a finished one
        // is refused with its state (TaskApiTest follows a cancel until the task closes)
        Cli.Run cancel = Cli.run("task", "cancel", "1", "--api", api);
        if (cancel.exitCode() == 0) {
            assertThat(cancel.out()).startsWith("cancelling task 1: ");
        } else {
            assertThat(cancel.exitCode()).isEqualTo(2);
            assertThat(cancel.err()).contains("task 1 is already finished");
        }
    }

    @Test
    void postsATaskForTheArchitectureOfAnOnnxFile() throws Exception {
        Path file = tmp.resolve("mine.onnx");
        Files.write(file, OnnxExporter.export(new Model(PredefinedModels.MLP_SMALL, new float[50_890])));
        String[] post = {
            "task",
            "post",
            "--model-onnx",
            file.toString(),
            "--dataset",
            "fashion-mnist-small",
            "--reward",
            "1",
            "--rounds",
            "2",
            "--min-accuracy",
            "0.3",
            "--api",
            api
        };
        Cli.Run shown = Cli.run(post);
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out())
                .contains("note: " + file + ": 3 layers, 50,890 parameters; a task's rounds train this architecture")
                .contains("model      input 784 | dense 64 | relu | dense 10");
        Cli.Run both = Cli.run(
                "task",
                "post",
                "--model",
                "mlp-small",
                "--model-onnx",
                file.toString(),
                "--reward",
                "1",
                "--rounds",
                "2",
                "--min-accuracy",
                "0.3",
                "--api",
                api);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void userMistakesSayWhatToDo() {
        Cli.Run run = Cli.run(
                "task",
                "post",
                "--model",
                "resnet",
                "--reward",
                "1",
                "--rounds",
                "2",
                "--min-accuracy",
                "0.5",
                "--api",
                api);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown model 'resnet'", "mlp-small");
        Cli.Run cancel = Cli.run("task", "cancel", "9", "--api", api);
        assertThat(cancel.exitCode()).isEqualTo(2);
        assertThat(cancel.err()).contains("no task 9 on the chain");
        Cli.Run model = Cli.run("task", "model", "9", "--out", tmp.resolve("m").toString(), "--api", api);
        assertThat(model.exitCode()).isEqualTo(2);
        assertThat(model.err()).contains("no winning model");
        Cli.Run round = Cli.run(
                "task", "model", "1", "--round", "0", "--out", tmp.resolve("m").toString(), "--api", api);
        assertThat(round.exitCode()).isEqualTo(2);
        assertThat(round.err()).contains("--round is a round number from 1");
        // 10 outputs = 5 filters x 2 positions: no weight move can reorder them, so no task is posted
        Cli.Run spread = Cli.run(
                "task",
                "post",
                "--model",
                "input 1x14x56 | conv2d 5 k14 s42 p0 | flatten",
                "--dataset",
                "fashion-mnist-small",
                "--reward",
                "1",
                "--rounds",
                "2",
                "--min-accuracy",
                "0.5",
                "--api",
                api);
        assertThat(spread.exitCode()).as(spread.err()).isEqualTo(2);
        assertThat(spread.err()).contains("could not be handed back in your labels");
    }
}
