package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiClient;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private task on three real node processes (`learnchain devnet --task mlp-small-private`,
 * PROTOCOL.md 3.9): the requester encrypts the bundled training set, every miner decrypts the
 * round's 16 projections with the released keys and trains, a round's winner verifies on every
 * node, no node's blob store holds a training set in the clear, and the model the requester
 * downloads classifies its raw test images in ONNX Runtime at the accuracy the node reports.
 */
class DevnetPrivateTaskIT {
    /** A test shard of the bundled 1,000 test images over 2 rounds holds 500; a training set 6,000. */
    private static final int LARGEST_SHARD = 500;

    @Test
    void minersTrainOnEncryptedDataAndTheRequesterGetsAModelForItsRawImages(@TempDir Path tmp) throws Exception {
        int base = DevnetPorts.freeBase(3);
        Path dir = tmp.resolve("net");
        try (DevnetRun devnet = DevnetRun.start(
                DevnetRun.START,
                "--nodes",
                "3",
                "--engine",
                "pole",
                "--task",
                "mlp-small-private",
                "--rounds",
                "2",
                "--block-time",
                "1",
                "--base-port",
                Integer.toString(base),
                "--datadir",
                dir.toString())) {
            long started = System.nanoTime();
            List<ApiClient> apis = IntStream.range(0, 3).mapToObj(devnet::api).toList();
            long deadline = started + Duration.ofSeconds(420).toNanos();
            String tip;
            List<String> models;
            while (true) {
                devnet.awaitTaskBlocks(1, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                tip = DevnetRun.awaitSameTip(apis, Duration.ofSeconds(60));
                models = DevnetMiningIT.taskModelsUpTo(apis.getFirst(), tip);
                if (!models.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(1_000);
            }
            System.out.printf(
                    "devnet private task: %d task block(s) on the common tip %s, %.0f s after the devnet was up%n",
                    models.size(), tip.substring(0, 8), (System.nanoTime() - started) / 1e9);
            assertThat(models).as("private task blocks on the common tip").isNotEmpty();
            JsonNode task = apis.getFirst().get("/api/v1/tasks/1");
            String trainingSet = task.path("terms").path("trainingSet").asText();
            assertThat(trainingSet).as("task 1's training set: %s", task).hasSize(64);
            for (int node = 0; node < 3; node++) {
                Path store = dir.resolve("node-" + node);
                assertThat(head(DevnetMiningIT.blobFile(store, trainingSet)))
                        .as("node %d holds the task's training set, encrypted", node)
                        .isEqualTo("LCED");
                assertThat(largestClearDataset(store))
                        .as("the largest data set in the clear on node %d (test shards only)", node)
                        .isLessThanOrEqualTo(LARGEST_SHARD);
            }
            requesterClassifiesItsRawImages(apis.getFirst());
            assertThat(devnet.stop()).isIn(0, 130, 143);
        }
    }

    private static void requesterClassifiesItsRawImages(ApiClient requester) throws Exception {
        JsonNode meta = DevnetRun.JSON.readTree(requester.getBytes("/api/v1/tasks/1/model?format=metadata"));
        String round = meta.path("notes").path("round").asText();
        byte[] onnx = requester.getBytes("/api/v1/tasks/1/model?format=onnx&round=" + round);
        Dataset test = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        double accuracy = RequesterEval.onnxAccuracy(onnx, test, new int[] {test.sampleSize()});
        System.out.printf(
                "devnet private task: the requester's model (round %s) classifies its raw test images at %.4f in"
                        + " ONNX Runtime; the node reports %.4f, the round's shard %.4f%n",
                round,
                accuracy,
                meta.path("metrics").path("testAccuracy").asDouble(),
                meta.path("metrics").path("shardAccuracy").asDouble());
        assertThat(accuracy)
                .isGreaterThan(0.4)
                .isCloseTo(meta.path("metrics").path("testAccuracy").asDouble(), within(0.005));
    }

    private static String head(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(Arrays.copyOf(bytes, 4), StandardCharsets.US_ASCII);
    }

    /** The most samples of any blob in a node's store that decodes as a data set in the clear. */
    private static int largestClearDataset(Path nodeDir) throws IOException {
        int largest = 0;
        try (Stream<Path> files = Files.walk(nodeDir.resolve("blobs").resolve("objects"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                try {
                    largest = Math.max(
                            largest, DatasetCodec.decode(bytes, file.toString()).count());
                } catch (RuntimeException notADataset) {
                    // a model, an opening, the encrypted training set
                }
            }
        }
        return largest;
    }
}
