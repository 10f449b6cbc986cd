package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.Amount;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.TaskStatus;
import io.learnchain.learn.format.ModelSafetensors;
import io.learnchain.learn.model.Model;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.pole.PoleConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One dev node (RocksDB in a temp dir, mlp-small on the bundled subset, a few dozen steps) posts a
 * task through its API and mines the task's rounds by itself; the winning model comes back as
 * ONNX, safetensors and metadata; a restart in the middle of the task still reveals the next round.
 */
class TaskApiTest {
    private static final PoleConfig FAST =
            PoleConfig.DEFAULT.withTraining(60, 32, 0.005f).withWindows(300, 200);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static LearnchainNode start(Path dir) {
        return LearnchainNode.start(NodeConfig.dev(Optional.of(dir), 0, 1), Clock.system(), FAST);
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** Waits until task 1 has {@code rounds} rounds done. */
    private static JsonNode awaitRounds(HttpTestClient http, int rounds, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.get("/api/v1/tasks/1");
            if (r.statusCode() == 200
                    && JSON.readTree(r.body())
                                    .path("summary")
                                    .path("roundsDone")
                                    .asInt()
                            >= rounds) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task 1 did not reach " + rounds + " rounds in " + timeoutMillis + " ms: "
                + http.get("/api/v1/tasks").body() + " miner: "
                + http.get("/api/v1/miner").body());
    }

    private static byte[] bytes(int port, String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /**
     * Issue 19, part 5: a requester withdraws its task. The round it has not revealed is forfeited,
     * the CancelTask (signed with the nonce after anything of its own still pending) is mined, and the
     * escrow left comes back less the 10% penalty; no round is revealed after the cancel.
     */
    @Test
    void aRequesterCancelsItsTaskAndGetsTheEscrowLeftBackLessThePenalty() throws Exception {
        String post = """
                {"model": "mlp-small", "dataset": "fashion-mnist-small", "rewardPerRound": "10", "rounds": 5,
                 "minTrainingAccuracy": 0.3, "expectedSeconds": 1, "minPhaseSeconds": 0, "maxPhaseSeconds": 30}""";
        // a 30 s phase: on a loaded machine shorter rounds forfeited twice in a row, which closes the task
        // (CLOSED_FORFEITED) before the cancel is mined
        try (LearnchainNode node = start(dir)) {
            HttpTestClient http = new HttpTestClient(node.apiPort());
            json(http.post("/api/v1/tasks", post), 202);
            awaitRounds(http, 1, 60_000);
            JsonNode cancel = json(http.post("/api/v1/tasks/1/cancel", ""), 202);
            assertThat(cancel.path("taskId").asLong()).isEqualTo(1);
            assertThat(cancel.path("state").asText()).isIn("submitted", "waiting");
            assertThat(json(http.post("/api/v1/tasks/9/cancel", ""), 404)
                            .path("error")
                            .asText())
                    .isEqualTo("not_found");

            JsonNode task = null;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                task = json(http.get("/api/v1/tasks/1"), 200);
                if (task.path("summary").path("status").asText().equals("finished")) {
                    break;
                }
                Thread.sleep(200);
            }
            JsonNode summary = task.path("summary");
            assertThat(summary.path("closedAs").asText()).as(task.toString()).isEqualTo("CANCELLED");
            TaskState state = node.chain().head().tip().state().tasks().get(1).orElseThrow();
            assertThat(state.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(state.roundsDone())
                    .as("rounds won or forfeited before the cancel")
                    .isLessThan(5);
            // escrow 50: 10 per decided round went to its winner or was burned, 10% of the rest as penalty
            Amount left = Amount.ofCoins(10).multiply(5 - state.roundsDone());
            Amount forfeitBurn = Amount.ofCoins(10).multiply(state.forfeits());
            assertThat(state.burned()).isEqualTo(forfeitBurn.add(TaskState.penalty(left)));
            assertThat(state.escrow()).isEqualTo(Amount.ZERO);
            assertThat(json(http.post("/api/v1/tasks/1/cancel", ""), 409)
                            .path("error")
                            .asText())
                    .isEqualTo("not_open");
        }
    }

    @Test
    void devNodePostsATaskAndMinesItsRoundsAcrossARestart() throws Exception {
        String post = """
                {"model": "mlp-small", "dataset": "fashion-mnist-small", "rewardPerRound": "10", "rounds": 3,
                 "minTrainingAccuracy": 0.3, "expectedSeconds": 1, "minPhaseSeconds": 0, "maxPhaseSeconds": 300}""";
        try (LearnchainNode node = start(dir)) {
            HttpTestClient http = new HttpTestClient(node.apiPort());
            JsonNode posted = json(http.post("/api/v1/tasks", post), 202);
            assertThat(posted.path("requester").asText())
                    .isEqualTo(DevAccounts.address(0).toString());
            assertThat(posted.path("escrow").path("coins").asText()).isEqualTo("30");
            assertThat(posted.path("shardHashes")).hasSize(3);
            JsonNode task = awaitRounds(http, 1, 30_000);
            assertThat(task.path("summary").path("mine").asBoolean()).isTrue();
            assertThat(task.path("summary").path("status").asText()).isEqualTo("running");
            JsonNode round = task.path("rounds").get(0);
            assertThat(round.path("kind").asText()).isEqualTo("pole");
            assertThat(round.path("winner").asText())
                    .isEqualTo(DevAccounts.address(0).toString());
            assertThat(round.path("verifiedScore").asLong())
                    .isEqualTo(round.path("claimedScore").asLong());
            assertThat(round.path("accuracy").asDouble()).isBetween(0.0, 1.0);
            assertThat(round.path("candidates").get(0).path("outcome").asText()).isEqualTo("won");
            JsonNode miner = json(http.get("/api/v1/miner"), 200);
            assertThat(miner.path("wins").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(miner.path("actions").size()).isPositive();
        }
        try (LearnchainNode node = start(dir)) {
            HttpTestClient http = new HttpTestClient(node.apiPort());
            JsonNode task = awaitRounds(http, 2, 30_000);
            assertThat(task.path("rounds")).hasSizeGreaterThanOrEqualTo(2);
            // stop the miner so the third round does not change the latest model under the downloads
            assertThat(json(http.post("/api/v1/miner/stop", ""), 200)
                            .path("phase")
                            .asText())
                    .isEqualTo("STOPPED");
            assertThat(json(http.get("/api/v1/status"), 200).path("mining").asBoolean())
                    .as("/status after miner/stop")
                    .isFalse();
            Thread.sleep(FAST.candidateWindowMillis() + 500); // a round already revealed is still decided
            JsonNode meta = JSON.readTree(bytes(node.apiPort(), "/api/v1/tasks/1/model?format=metadata"));
            task = json(http.get("/api/v1/tasks/1"), 200);
            int chosen = Integer.parseInt(meta.path("notes").path("round").asText());
            JsonNode round = task.path("rounds").get(chosen - 1);
            // the default is the round winner that did best on the whole test set (every shard, this node's own)
            assertThat(meta.path("notes").path("choice").asText()).isEqualTo("best-test-accuracy");
            assertThat(task.path("delivery").path("round").asInt()).isEqualTo(chosen);
            for (JsonNode r : task.path("rounds")) {
                assertThat(r.path("testSamples").asInt()).isEqualTo(1000);
                assertThat(r.path("testAccuracy").asDouble())
                        .isLessThanOrEqualTo(round.path("testAccuracy").asDouble());
            }
            assertThat(meta.path("metrics").path("testAccuracy").asDouble())
                    .isEqualTo(round.path("testAccuracy").asDouble());
            // delivered with the round's mapping undone: not the model the block committed to, and says so
            assertThat(meta.path("notes").path("minedModelHash").asText())
                    .isEqualTo(round.path("modelHash").asText());
            assertThat(meta.path("modelHash").asText())
                    .isNotEqualTo(round.path("modelHash").asText());
            assertThat(meta.path("notes").path("labels").asText()).startsWith("unmapped");
            byte[] safetensors = bytes(node.apiPort(), "/api/v1/tasks/1/model?format=safetensors&round=" + chosen);
            Model model = ModelSafetensors.read(safetensors, "api");
            assertThat(model.hash().toHex()).isEqualTo(meta.path("modelHash").asText());
            assertThat(ModelSafetensors.write(model)).isEqualTo(safetensors);
            ModelProto onnx =
                    ModelProto.parseFrom(bytes(node.apiPort(), "/api/v1/tasks/1/model?format=onnx&round=" + chosen));
            assertThat(onnx.getGraph().getNodeCount()).isPositive();
            assertThat(meta.path("notes").path("trainingSet").asText())
                    .isEqualTo(task.path("terms").path("trainingSet").asText());
            assertThat(meta.path("trainingRecord").path("hash").asText()).hasSize(64);
            JsonNode first = JSON.readTree(bytes(node.apiPort(), "/api/v1/tasks/1/model?format=metadata&round=1"));
            assertThat(first.path("notes").path("choice").asText()).isEqualTo("requested");
            assertThat(first.path("notes").path("minedModelHash").asText())
                    .isEqualTo(task.path("rounds").get(0).path("modelHash").asText());
            assertThat(json(http.get("/api/v1/tasks/1/model?format=onnx&round=9"), 404)
                            .path("error")
                            .asText())
                    .isEqualTo("no_such_round");
            assertThat(json(http.get("/api/v1/tasks/1/model?round=0"), 400)
                            .path("message")
                            .asText())
                    .contains("'round'");
        }
        // each winner was scored once, across the restart (the journal keeps the scores)
        List<String> scored = Files.readAllLines(dir.resolve("requester").resolve("tasks.jsonl")).stream()
                .filter(l -> l.contains("\"scored\""))
                .toList();
        assertThat(scored).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        assertThat(scored.stream()
                        .map(l -> l.replaceAll(".*\"block\":\"([0-9a-f]+)\".*", "$1"))
                        .distinct())
                .hasSize(scored.size());
    }

    /** Issue 19, part 4: the operator's own images, in class folders, become a task's data. */
    @Test
    void postsATaskOnAFolderOfItsOwnImages() throws Exception {
        Path images = dir.resolve("images");
        for (int c = 0; c < 2; c++) {
            Path classDir = Files.createDirectories(images.resolve(c == 0 ? "circle" : "square"));
            for (int i = 0; i < 12; i++) {
                BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setSample(i % 8, c * 4 + i % 4, 0, 200 + i);
                ImageIO.write(img, "png", classDir.resolve(i + ".png").toFile());
            }
        }
        try (LearnchainNode node = start(dir.resolve("node"))) {
            HttpTestClient http = new HttpTestClient(node.apiPort());
            JsonNode posted = json(http.post("/api/v1/tasks", """
                    {"model": "input 1x8x8 | flatten | dense 2", "dataset": "imagefolder:%s", "rewardPerRound": "1",
                     "rounds": 2, "minTrainingAccuracy": 0.1}""".formatted(images)), 202);
            assertThat(posted.path("dataset").asText()).isEqualTo("imagefolder:" + images);
            assertThat(posted.path("dataOrigin").asText())
                    .contains("image folder")
                    .contains("4 samples held out as the test set");
            assertThat(json(http.post("/api/v1/tasks", """
                    {"model": "input 1x8x8 | flatten | dense 2", "dataset": "npy:%s", "rewardPerRound": "1",
                     "rounds": 2, "minTrainingAccuracy": 0.1}""".formatted(images)), 400)
                            .path("message")
                            .asText())
                    .contains("npy:X.npy,Y.npy");
        }
    }

    @Test
    void refusesTasksItCannotServeWithAReason() throws Exception {
        try (LearnchainNode node = start(dir)) {
            HttpTestClient http = new HttpTestClient(node.apiPort());
            assertThat(json(http.post("/api/v1/tasks", """
                    {"model": "resnet", "dataset": "fashion-mnist-small", "rewardPerRound": "1", "rounds": 2,
                     "minTrainingAccuracy": 0.5}"""), 400).path("error").asText())
                    .isEqualTo("unknown_model");
            assertThat(json(http.post("/api/v1/tasks", """
                    {"model": "mlp-small", "dataset": "imagenet", "rewardPerRound": "1", "rounds": 2,
                     "minTrainingAccuracy": 0.5}"""), 400).path("error").asText())
                    .isEqualTo("unknown_dataset");
            assertThat(json(http.post("/api/v1/tasks", """
                    {"model": "mlp-small", "dataset": "fashion-mnist-small", "rewardPerRound": "900000", "rounds": 2,
                     "minTrainingAccuracy": 0.5}"""), 409).path("error").asText())
                    .isEqualTo("insufficient_funds");
            assertThat(json(http.post("/api/v1/tasks", """
                    {"model": "input 100 | dense 10", "dataset": "fashion-mnist-small", "rewardPerRound": "1", "rounds": 2,
                     "minTrainingAccuracy": 0.5}"""), 400).path("error").asText())
                    .isEqualTo("model_mismatch");
            assertThat(json(http.get("/api/v1/tasks/7"), 404).path("error").asText())
                    .isEqualTo("not_found");
            assertThat(json(http.get("/api/v1/tasks/1/model?format=onnx"), 404)
                            .path("error")
                            .asText())
                    .isEqualTo("not_found");
        }
        try (LearnchainNode node = LearnchainNode.start(
                NodeConfig.dev(Optional.of(dir), 0, 1).withMinerKey(Optional.empty()), Clock.system(), FAST)) {
            HttpTestClient http = new HttpTestClient(node.apiPort());
            assertThat(json(http.post("/api/v1/tasks", """
                    {"model": "mlp-small", "dataset": "fashion-mnist-small", "rewardPerRound": "1", "rounds": 2,
                     "minTrainingAccuracy": 0.5}"""), 409).path("error").asText())
                    .isEqualTo("no_key");
            assertThat(json(http.get("/api/v1/miner"), 409).path("error").asText())
                    .isEqualTo("no_key");
        }
    }
}
