package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.cli.api.ApiClient;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real node processes (`learnchain devnet`, engine pole, the small task on the bundled data)
 * mine the task: every node reaches one tip carrying at least three task blocks, every node
 * holds the winning model of each of them in its blob store, and the model the requester (node 0)
 * downloads classifies its test set in ONNX Runtime.
 */
class DevnetMiningIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void threeNodesMineATaskToOneTipWithEveryWinningModelOnEveryNode(@TempDir Path tmp) throws Exception {
        int base = DevnetPorts.freeBase(3);
        Path dir = tmp.resolve("net");
        List<String> models;
        try (DevnetRun devnet = DevnetRun.start(
                DevnetRun.START,
                "--nodes",
                "3",
                "--engine",
                "pole",
                "--task",
                "mlp-small",
                "--block-time",
                "1",
                "--base-port",
                Integer.toString(base),
                "--datadir",
                dir.toString())) {
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(150).toNanos();
            List<ApiClient> apis = IntStream.range(0, 3).mapToObj(devnet::api).toList();
            String tip;
            // Every miner trains each round, so a round can have rival blocks: the devnet's lines may show
            // three task blocks before the common chain carries three. Wait for the chain, not the lines.
            while (true) {
                devnet.awaitTaskBlocks(3, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                tip = DevnetRun.awaitSameTip(apis, Duration.ofSeconds(60));
                models = taskModelsUpTo(apis.getFirst(), tip);
                if (models.size() >= 3 || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(1_000);
            }
            System.out.printf(
                    "devnet mining: 3 nodes, %d task blocks on the common tip %s, %.0f s after the devnet was up%n",
                    models.size(), tip.substring(0, 8), (System.nanoTime() - started) / 1e9);
            assertThat(models).as("task blocks on the common tip").hasSizeGreaterThanOrEqualTo(3);
            requesterClassifiesItsTestSet(apis.getFirst());
            assertThat(devnet.stop()).isIn(0, 130, 143);
        }
        for (int node = 0; node < 3; node++) {
            for (String model : models) {
                assertThat(blobFile(dir.resolve("node-" + node), model))
                        .as("model %s on node %d", model, node)
                        .exists();
            }
        }
    }

    /**
     * Node 0 posted the task (mlp-small on the bundled subset): the model it hands over, in ONNX
     * Runtime on the subset's test set, scores what the node says it scores on that test set, far
     * above chance.
     */
    private static void requesterClassifiesItsTestSet(ApiClient requester) throws Exception {
        JsonNode meta = JSON.readTree(requester.getBytes("/api/v1/tasks/1/model?format=metadata"));
        String round = meta.path("notes").path("round").asText();
        byte[] onnx = requester.getBytes("/api/v1/tasks/1/model?format=onnx&round=" + round);
        Dataset test = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        double accuracy = RequesterEval.onnxAccuracy(onnx, test, RequesterEval.ints(meta.path("inputShape")));
        System.out.printf(
                "devnet mining: the requester's model (round %s, %s) classifies its test set at %.4f in ONNX"
                        + " Runtime; the node reports %.4f, the round's shard %.4f%n",
                round,
                meta.path("notes").path("choice").asText(),
                accuracy,
                meta.path("metrics").path("testAccuracy").asDouble(),
                meta.path("metrics").path("shardAccuracy").asDouble());
        assertThat(meta.path("notes").path("choice").asText()).isEqualTo("best-test-accuracy");
        assertThat(accuracy)
                .isGreaterThan(0.5)
                .isCloseTo(meta.path("metrics").path("testAccuracy").asDouble(), within(0.005));
    }

    /** The model hashes of the pole blocks on the canonical chain ending at {@code tip}, oldest first. */
    static List<String> taskModelsUpTo(ApiClient api, String tip) {
        List<String> models = new ArrayList<>();
        JsonNode block = api.get("/api/v1/blocks/" + tip);
        while (!block.get("genesis").asBoolean()) {
            JsonNode proof = block.get("proof");
            if ("pole".equals(proof.get("type").asText())) {
                models.addFirst(proof.get("modelHash").asText());
            }
            block = api.get("/api/v1/blocks/" + block.get("previous").asText());
        }
        return models;
    }

    static Path blobFile(Path nodeDir, String hash) {
        return nodeDir.resolve("blobs")
                .resolve("objects")
                .resolve(hash.substring(0, 2))
                .resolve(hash);
    }

    static boolean hasBlob(Path nodeDir, String hash) {
        return Files.isRegularFile(blobFile(nodeDir, hash));
    }
}
