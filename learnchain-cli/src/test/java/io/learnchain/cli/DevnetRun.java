package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.cli.api.ApiClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * A `learnchain devnet --json` process for integration tests: its started event (nodes, ports,
 * pids, the args each node runs with), its block lines, and API clients for its nodes.
 */
final class DevnetRun implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** How long a devnet or a node process may take to print its started line on a busy 2-core machine. */
    static final Duration START = Duration.ofSeconds(90);

    private final NodeProcess process;
    private final JsonNode started;

    private DevnetRun(NodeProcess process, JsonNode started) {
        this.process = process;
        this.started = started;
    }

    static DevnetRun start(Duration timeout, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("devnet"));
        all.addAll(List.of(args));
        all.add("--json");
        // The nodes inherit the devnet's JVM options: a pole devnet trains, so it needs C2.
        List<String> jvm = all.contains("idle") ? NodeProcess.QUICK_JVM : NodeProcess.TRAINING_JVM;
        NodeProcess process = NodeProcess.start(jvm, all.toArray(String[]::new));
        try {
            return new DevnetRun(
                    process, JSON.readTree(process.awaitLine(l -> l.startsWith("{\"event\":\"started\""), timeout)));
        } catch (Throwable e) {
            process.close();
            throw e;
        }
    }

    NodeProcess process() {
        return process;
    }

    JsonNode started() {
        return started;
    }

    int nodes() {
        return started.get("nodes").size();
    }

    JsonNode node(int i) {
        return started.get("nodes").get(i);
    }

    ApiClient api(int i) {
        return new ApiClient("http://127.0.0.1:" + node(i).get("apiPort").asInt());
    }

    long pid(int i) {
        return node(i).get("pid").asLong();
    }

    Path datadir() {
        return Path.of(started.get("datadir").asText());
    }

    Path genesis() {
        return Path.of(started.get("genesis").asText());
    }

    /** The arguments `learnchain` was started with for node {@code i} (to restart it by hand). */
    String[] nodeArgs(int i) {
        return StreamSupport.stream(node(i).get("args").spliterator(), false)
                .map(JsonNode::asText)
                .toArray(String[]::new);
    }

    /** Waits for {@code count} distinct task (pole) blocks among the devnet's block lines; returns them in order. */
    List<JsonNode> awaitTaskBlocks(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> blocks = blocks().stream()
                    .filter(b -> "pole".equals(b.get("kind").asText()))
                    .toList();
            if (blocks.size() >= count) {
                return blocks;
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError(blocks.size() + " task blocks of " + count + " within " + timeout
                        + "; devnet output:\n" + String.join("\n", process.lines()));
            }
            Thread.sleep(250);
        }
    }

    /** Every block line the devnet printed so far. */
    List<JsonNode> blocks() throws IOException {
        List<JsonNode> blocks = new ArrayList<>();
        for (String line : process.lines()) {
            if (line.startsWith("{\"event\":\"block\"")) {
                blocks.add(JSON.readTree(line));
            }
        }
        return blocks;
    }

    /** Waits until every API answers with the same tip; returns it. */
    /** Sends 1 coin from dev account {@code from} to dev:9 through {@code wallet send}; returns the transaction hash. */
    static String sendOneCoin(int apiPort, int from) {
        Cli.Run r = Cli.run(Map.of(), sendOneCoinArgs(apiPort, from));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return sentHash(r.out());
    }

    /** The {@code wallet send} arguments of {@link #sendOneCoin}. */
    static String[] sendOneCoinArgs(int apiPort, int from) {
        return new String[] {
            "wallet",
            "send",
            "--from",
            "dev:" + from,
            "--to",
            DevAccounts.address(9).toString(),
            "--amount",
            "1",
            "--api",
            "http://127.0.0.1:" + apiPort,
            "--json"
        };
    }

    /** The transaction hash on the last line of {@code wallet send --json}'s output. */
    static String sentHash(String out) {
        String[] lines = out.strip().split("\n");
        try {
            return JSON.readTree(lines[lines.length - 1]).get("hash").asText();
        } catch (IOException e) {
            throw new AssertionError(out, e);
        }
    }

    /** Waits until the node behind {@code api} is at {@code height} or higher, at most {@code timeout}. */
    static void awaitHeight(ApiClient api, long height, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (api.get("/api/v1/status").get("height").asLong() < height) {
            assertThat(System.nanoTime())
                    .as("height %d within %d s", height, timeout.toSeconds())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static String awaitSameTip(List<ApiClient> apis, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> tips = List.of();
        while (System.nanoTime() < deadline) {
            tips = apis.stream()
                    .map(a -> a.get("/api/v1/status").get("tipHash").asText())
                    .toList();
            if (tips.stream().distinct().count() == 1) {
                return tips.getFirst();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the nodes did not reach one tip within " + timeout + ": " + tips);
    }

    /** SIGTERM, as Ctrl-C: the devnet stops its nodes. */
    int stop() throws InterruptedException {
        return process.exitCodeAfterStop(Duration.ofSeconds(45));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.exitCodeAfterStop(Duration.ofSeconds(45));
        }
    }
}
