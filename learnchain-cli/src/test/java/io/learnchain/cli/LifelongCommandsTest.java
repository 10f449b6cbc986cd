package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.state.LifelongModel;
import io.learnchain.chain.state.LifelongStatus;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** learnchain lifelong deploy, reveal, propose, grow and show against a real in-process dev node (1 s blocks). */
class LifelongCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSpec SPEC = ModelSpec.parse("input 6 | dense 8 | relu | dense 3");

    @TempDir
    Path tmp;

    private LearnchainNode node;
    private String api;

    @BeforeEach
    void startNode() {
        node = LearnchainNode.start(NodeConfig.dev(Optional.empty(), 0, 1));
        api = "http://127.0.0.1:" + node.apiPort();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    static Dataset data(String name, int count, long seed, int classes) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[count * 6];
        int[] y = new int[count];
        for (int s = 0; s < count; s++) {
            y[s] = rng.nextInt(classes);
            for (int i = 0; i < 6; i++) {
                x[s * 6 + i] = (float) ((i == y[s] ? 1.5 : 0) + rng.nextGaussian() * 0.5);
            }
        }
        return new Dataset(name, new int[] {6}, classes, x, y);
    }

    private LifelongModel await(Predicate<LifelongModel> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            var m = node.chain().head().tip().state().lifelong().get(1);
            if (m.isPresent() && condition.test(m.get())) {
                return m.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the lifelong model did not reach the expected state in 30 s");
    }

    private JsonNode run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", api, "--json"));
        Cli.Run r = Cli.run(all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    /**
     * A lifelong model has no label mapping (participants train on the deployer's labels and the
     * chain's loss is computed on them): the weights the node serves, exported to ONNX and run in
     * ONNX Runtime, classify the deployer's test data as well as the engine says they do.
     */
    private void theAdoptedWeightsClassifyTheDeployersOwnLabels(Model adopted, Dataset test) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api + "/api/v1/lifelong/blobs/"
                                        + adopted.hash().toHex()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        Model served = Model.fromCanonicalBytes(HexFormat.of()
                .parseHex(JSON.readTree(response.body()).path("hex").asText()));
        double onnx = RequesterEval.onnxAccuracy(OnnxExporter.export(served), test, new int[] {6});
        double engine = (double) new Evaluator(ComputePool.serial()).correctCount(served, test) / test.count();
        System.out.printf(
                "lifelong: the adopted weights classify the deployer's test data at %.3f in ONNX Runtime"
                        + " (engine %.3f)%n",
                onnx, engine);
        assertThat(onnx).isGreaterThan(0.7).isCloseTo(engine, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void deploysRevealsProposesGrowsAndShows() throws Exception {
        Model initial = Initializer.initialize(SPEC, 2);
        Path weights = Files.write(tmp.resolve("initial.lcm"), initial.canonicalBytes());
        List<String> partFiles = new ArrayList<>();
        int i = 0;
        for (Dataset d : DatasetShards.split(data("test", 200, 3, 3), 4, 4)) {
            partFiles.add(Files.write(tmp.resolve("part" + i++ + ".lcds"), DatasetCodec.encode(d))
                    .toString());
        }
        String parts = String.join(",", partFiles);
        run(
                "lifelong",
                "deploy",
                "--from",
                "dev:1",
                "--weights",
                weights.toString(),
                "--parts",
                parts,
                "--pick",
                "2",
                "--epoch",
                "2",
                "--window",
                "20",
                "--threshold",
                "5");
        await(m -> m.status() == LifelongStatus.REVEALING);
        run("lifelong", "reveal", "--from", "dev:1", "--model", "1", "--parts", parts);
        await(m -> m.status() == LifelongStatus.ACTIVE);

        TrainingRecord rec =
                new TrainingRecord(new TrainingStart.FromParent(initial.hash()), Optimizer.Adam.of(0.02f), 16, 60, 5);
        Model better = new Trainer(ComputePool.serial())
                .train(TrainingJob.continuing(SPEC, rec, data("train", 300, 6, 3), initial));
        Path betterFile = Files.write(tmp.resolve("better.lcm"), better.canonicalBytes());
        JsonNode proposed =
                run("lifelong", "propose", "--from", "dev:2", "--model", "1", "--weights", betterFile.toString());
        assertThat(proposed.path("loss").asLong())
                .isLessThan(proposed.path("currentLoss").asLong());
        await(m -> m.weights().equals(better.hash()));
        theAdoptedWeightsClassifyTheDeployersOwnLabels(better, data("test", 200, 3, 3));

        Cli.Run worse = Cli.run(
                "lifelong",
                "propose",
                "--from",
                "dev:3",
                "--model",
                "1",
                "--weights",
                weights.toString(),
                "--api",
                api);
        assertThat(worse.exitCode()).isEqualTo(2);
        assertThat(worse.err()).contains("not below the current");

        Path newPart = Files.write(tmp.resolve("new.lcds"), DatasetCodec.encode(data("new", 60, 7, 4)));
        run(
                "lifelong",
                "grow",
                "--from",
                "dev:1",
                "--model",
                "1",
                "--classes",
                "4",
                "--neurons",
                "2",
                "--parts",
                newPart.toString());
        await(m -> m.pending().isPresent() && m.pending().get().isPicked());
        run("lifelong", "reveal", "--from", "dev:1", "--model", "1", "--parts", newPart.toString());
        LifelongModel grown = await(m -> m.generation() == 1);
        assertThat(grown.spec()).isEqualTo("input 6 | dense 10 | relu | dense 4");

        JsonNode shown = run("lifelong", "show", "--model", "1");
        assertThat(shown.path("generation").asInt()).isEqualTo(1);
        assertThat(shown.path("history")).hasSize(3);
        // every lifelong transaction an account sent is in its history, with the fee it paid
        assertThat(run("account", "history", "dev:1").path("entries").findValuesAsText("kind"))
                .contains("lifelong_deploy", "lifelong_reveal", "lifelong_grow");
        assertThat(run("account", "history", "dev:2").path("entries").findValuesAsText("kind"))
                .contains("lifelong_propose");
        JsonNode rep =
                run("lifelong", "show", "--address", DevAccounts.address(2).toString());
        assertThat(rep.path("reputation").asLong()).isEqualTo(2);
        assertThat(run("lifelong", "show").path("models")).hasSize(1);
    }
}
