package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.netns.NamespaceNetwork;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCENARIOS.md (issue 18, "across real hosts"): five node processes, each in a Linux network
 * namespace of its own, talking TCP over real interfaces whose links have 65-175 ms one-way delay and
 * 1.5-4.5% frame loss ({@link NamespaceNetwork}: the kernel's stack in every host, the delay and
 * loss on the wire between them). A pole dev chain: hosts 0, 2 and 3 mine, 1 and 4 follow.
 *
 * <ol>
 *   <li>Partition 2|3 for 60 s: hosts 0-1 and hosts 2-4 go on apart, each side including a transfer
 *       of its own. The minority's miner stops after its side has included its transfer (a smaller
 *       side has less mining power; here it has none for the rest of the partition, so which side is
 *       the majority is not left to chance).
 *   <li>Heal: within 60 s every host has one tip, every majority block is still in the chain, the
 *       minority's transfer went back to its mempool in the reorganisation and is included again.
 *   <li>Every link at 200 ms one-way and 2% loss: host 0 posts a task, and a pole round completes on
 *       every host; the model the requester downloads classifies its test set in ONNX Runtime.
 * </ol>
 */
class NamespaceNetworkIT {
    private static final int HOSTS = 5;
    private static final int P2P_PORT = 9645;
    private static final Duration PARTITION = Duration.ofSeconds(60);
    private static final Duration HEAL = Duration.ofSeconds(60);
    private static final long[] DELAY_MILLIS = {25, 40, 55, 75, 100};
    private static final double[] LOSS = {0.005, 0.01, 0.015, 0.02, 0.025};
    /** dev key of each host's miner, or -1 for a follower. */
    private static final int[] MINER = {0, -1, 1, 2, -1};

    private static int apiPort(int host) {
        // distinct ports: every node writes ~/.learnchain/run/api-PORT.cookie on the one file system
        return 18_645 + host;
    }

    @Test
    void partitionedHostsHealToOneChainAndAPoleRoundCompletesUnderDelayAndLoss(@TempDir Path tmp) throws Exception {
        assumeThat(NamespaceNetwork.unavailable())
                .as("network namespaces usable on this machine")
                .isEmpty();
        long started = System.nanoTime();
        Path genesis = tmp.resolve("genesis.toml");
        writePoleDevGenesis(genesis);
        try (NamespaceNetwork net = NamespaceNetwork.create(HOSTS, 18)) {
            for (int i = 0; i < HOSTS; i++) {
                net.link(i, DELAY_MILLIS[i], LOSS[i]);
            }
            List<NodeProcess> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < HOSTS; i++) {
                    nodes.add(NodeProcess.startUnder(net.exec(i), NodeProcess.TRAINING_JVM, nodeArgs(tmp, genesis, i)));
                }
                for (NodeProcess n : nodes) {
                    n.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
                }
                Hosts hosts = new Hosts(net, tmp);
                for (int i = 0; i < HOSTS; i++) {
                    hosts.awaitHeight(i, 3, Duration.ofSeconds(90));
                }
                hosts.awaitSameTip(Duration.ofSeconds(60));

                partitionAndHeal(net, hosts, nodes);
                poleRoundUnderDelayAndLoss(net, hosts, tmp);

                System.out.printf("namespace network: %s; total %.0f s%n", net.counters(), seconds(started));
                for (NodeProcess n : nodes) {
                    assertThat(n.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
                }
                for (int i = 0; i < HOSTS; i++) {
                    assertThat(nodes.get(i).lines())
                            .as("host %d logged no error (its output: target/namespace-network-it)", i)
                            .noneMatch(l -> l.contains(" ERROR "));
                }
            } finally {
                for (NodeProcess n : nodes) {
                    n.close();
                }
                keepLogs(nodes);
            }
        }
    }

    /** Every host's output, for a failure's post-mortem: target/namespace-network-it/host-N.log. */
    private static void keepLogs(List<NodeProcess> nodes) throws IOException {
        Path dir = Path.of("target", "namespace-network-it");
        Files.createDirectories(dir);
        for (int i = 0; i < nodes.size(); i++) {
            Files.write(dir.resolve("host-" + i + ".log"), nodes.get(i).lines());
        }
        System.out.println("namespace network: the hosts' output is in " + dir.toAbsolutePath());
    }

    private static void partitionAndHeal(NamespaceNetwork net, Hosts hosts, List<NodeProcess> nodes) throws Exception {
        net.sides(0, 0, 1, 1, 1);
        long cutAt = System.nanoTime();
        String txMinority = hosts.sendOneCoin(0, 3);
        String txMajority = hosts.sendOneCoin(2, 4);
        hosts.awaitIncluded(1, txMinority, Duration.ofSeconds(40));
        hosts.awaitIncluded(4, txMajority, Duration.ofSeconds(40));
        hosts.post(0, "/api/v1/miner/stop", "{}");
        long minorityStoppedAt = System.nanoTime();
        Thread.sleep(Math.max(0, PARTITION.toMillis() - (System.nanoTime() - cutAt) / 1_000_000));

        JsonNode majority = hosts.status(4);
        JsonNode minority = hosts.status(1);
        long majorityHeight = majority.get("height").asLong();
        String majorityTip = majority.get("tipHash").asText();
        assertThat(hosts.get(0, "/api/v1/transactions/" + txMajority)).isNull();
        assertThat(hosts.get(4, "/api/v1/transactions/" + txMinority)).isNull();
        assertThat(majorityHeight)
                .as("the majority mined on; the minority's miner stopped")
                .isGreaterThan(minority.get("height").asLong());

        net.sides(0, 0, 0, 0, 0);
        long healedAt = System.nanoTime();
        hosts.post(0, "/api/v1/miner/start", "{}");
        String tip = hosts.awaitSameTip(HEAL);
        double converged = seconds(healedAt);
        for (int i = 0; i < HOSTS; i++) {
            assertThat(hosts.get(i, "/api/v1/blocks/" + majorityHeight)
                            .get("hash")
                            .asText())
                    .as("host %d: the majority's tip at the heal (height %d) is still in the chain", i, majorityHeight)
                    .isEqualTo(majorityTip);
        }
        Map<String, String> stateRoots = new TreeMap<>();
        for (int i = 0; i < HOSTS; i++) {
            stateRoots.put(
                    "host " + i,
                    hosts.get(i, "/api/v1/blocks/" + tip).get("stateRoot").asText());
        }
        assertThat(stateRoots.values().stream().distinct())
                .as("one state: %s", stateRoots)
                .hasSize(1);
        int returned = returnedToMempool(nodes.get(0)) + returnedToMempool(nodes.get(1));
        assertThat(returned)
                .as("the minority's transfer went back to its mempool when its branch was abandoned")
                .isGreaterThanOrEqualTo(1);
        for (int i = 0; i < HOSTS; i++) {
            hosts.awaitIncluded(i, txMinority, Duration.ofSeconds(60));
            hosts.awaitIncluded(i, txMajority, Duration.ofSeconds(10));
        }
        System.out.printf(
                "namespace partition: 2|3 for %.0f s (minority miner stopped after %.0f s), majority at height %d"
                        + " vs minority %d; one tip %s on %d hosts %.1f s after the heal; %d transfer(s) back in"
                        + " the minority's mempools and included again%n",
                (healedAt - cutAt) / 1e9,
                (minorityStoppedAt - cutAt) / 1e9,
                majorityHeight,
                minority.get("height").asLong(),
                tip.substring(0, 8),
                HOSTS,
                converged,
                returned);
        assertThat(converged).as("seconds to one tip after the heal").isLessThan(HEAL.toSeconds());
    }

    private static void poleRoundUnderDelayAndLoss(NamespaceNetwork net, Hosts hosts, Path tmp) throws Exception {
        for (int i = 0; i < HOSTS; i++) {
            net.link(i, 100, 0.01); // every path: 200 ms one way, 1 - 0.99^2 = 2% loss
        }
        long postedAt = System.nanoTime();
        hosts.post(
                0,
                "/api/v1/tasks",
                "{\"model\": \"mlp-small\", \"dataset\": \"fashion-mnist-small\", \"rewardPerRound\": \"10\","
                        + " \"rounds\": 1, \"minTrainingAccuracyBp\": 5000, \"expectedSeconds\": 2,"
                        + " \"minPhaseSeconds\": 2}");
        String block = null;
        for (int i = 0; i < HOSTS; i++) {
            JsonNode round = hosts.awaitFirstRound(i, Duration.ofSeconds(240));
            assertThat(round.get("kind").asText())
                    .as("host %d: round 1 %s", i, round)
                    .isEqualTo("pole");
            if (block == null) {
                block = round.get("block").asText();
            }
            assertThat(round.get("block").asText())
                    .as("host %d: round 1's block", i)
                    .isEqualTo(block);
        }
        double roundSeconds = seconds(postedAt);

        JsonNode meta = hosts.getJson(0, "/api/v1/tasks/1/model?format=metadata");
        Path onnx = tmp.resolve("model.onnx");
        hosts.download(
                0,
                "/api/v1/tasks/1/model?format=onnx&round="
                        + meta.path("notes").path("round").asText(),
                onnx);
        Dataset test = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        double accuracy =
                RequesterEval.onnxAccuracy(Files.readAllBytes(onnx), test, RequesterEval.ints(meta.path("inputShape")));
        System.out.printf(
                "namespace pole round: 200 ms one way, 2%% loss on every path; task posted to round 1 in block %s"
                        + " on %d hosts in %.0f s; the requester's model classifies its test set at %.4f in ONNX"
                        + " Runtime (the node reports %.4f)%n",
                block.substring(0, 8),
                HOSTS,
                roundSeconds,
                accuracy,
                meta.path("metrics").path("testAccuracy").asDouble());
        assertThat(accuracy)
                .isGreaterThan(0.5)
                .isCloseTo(meta.path("metrics").path("testAccuracy").asDouble(), within(0.005));
    }

    private static String[] nodeArgs(Path tmp, Path genesis, int host) {
        List<String> args = new ArrayList<>(List.of(
                "node",
                "--dev",
                "--genesis",
                genesis.toString(),
                "--datadir",
                tmp.resolve("host-" + host).toString(),
                "--api-port",
                Integer.toString(apiPort(host)),
                "--p2p-host",
                "0.0.0.0",
                "--p2p-port",
                Integer.toString(P2P_PORT),
                "--compute-threads",
                "1",
                "--json"));
        args.addAll(MINER[host] < 0 ? List.of("--no-mine") : List.of("--miner-key", "dev:" + MINER[host]));
        for (int j = 0; j < host; j++) {
            args.addAll(List.of("--peer", NamespaceNetwork.address(j) + ":" + P2P_PORT));
        }
        return args.toArray(String[]::new);
    }

    /** The dev chain's genesis (engine pole, 1 s idle blocks). */
    private static void writePoleDevGenesis(Path genesis) throws Exception {
        NodeProcess.Result template =
                NodeProcess.run(Duration.ofSeconds(60), "chain", "genesis", "--dev", "--block-time", "1");
        assertThat(template.exitCode()).as(template.output()).isZero();
        Files.writeString(
                genesis,
                template.lines().stream().filter(l -> !l.startsWith("WARNING:")).reduce("", (a, b) -> a + b + "\n"));
    }

    private static final Pattern LOGGED_REORG =
            Pattern.compile("reorganised from .* (\\d+) transaction\\(s\\) back in the mempool");

    /**
     * Transactions a node returned to its mempool in reorganisations: its JSON reorg events, or its log
     * lines where it reorganised before its JSON events began (each reorganisation prints both).
     */
    private static int returnedToMempool(NodeProcess node) throws IOException {
        int events = 0;
        int logged = 0;
        for (String line : node.lines()) {
            if (line.startsWith("{\"event\":\"reorg\"")) {
                events += DevnetRun.JSON
                        .readTree(line)
                        .get("transactionsReturned")
                        .asInt();
            } else {
                Matcher m = LOGGED_REORG.matcher(line);
                if (m.find()) {
                    logged += Integer.parseInt(m.group(1));
                }
            }
        }
        return Math.max(events, logged);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The hosts' APIs, each read from inside its host. */
    private record Hosts(NamespaceNetwork net, Path tmp) {
        JsonNode get(int host, String path) {
            return net.get(host, apiPort(host), path);
        }

        JsonNode getJson(int host, String path) {
            JsonNode n = get(host, path);
            assertThat(n).as("host %d: %s", host, path).isNotNull();
            return n;
        }

        JsonNode status(int host) {
            return getJson(host, "/api/v1/status");
        }

        JsonNode post(int host, String path, String body) throws IOException {
            String token = Files.readString(tmp.resolve("host-" + host).resolve("api.cookie"))
                    .strip();
            return net.post(host, apiPort(host), path, body, token);
        }

        void download(int host, String path, Path to) {
            List<String> cmd = new ArrayList<>(net.exec(host));
            cmd.addAll(List.of(
                    "curl", "-sSf", "-m", "30", "-o", to.toString(), "http://127.0.0.1:" + apiPort(host) + path));
            NamespaceNetwork.Result r = NamespaceNetwork.run(cmd);
            assertThat(r.code()).as("download %s: %s", path, r.output()).isZero();
        }

        /** Sends 1 coin from dev account {@code from} to dev:9 with {@code wallet send} run inside the host. */
        String sendOneCoin(int host, int from) throws Exception {
            NodeProcess.Result r = NodeProcess.runUnder(
                    net.exec(host), Duration.ofSeconds(60), DevnetRun.sendOneCoinArgs(apiPort(host), from));
            assertThat(r.exitCode()).as(r.output()).isZero();
            return DevnetRun.sentHash(r.output());
        }

        void awaitHeight(int host, long height, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (status(host).get("height").asLong() < height) {
                assertThat(System.nanoTime())
                        .as("host %d at height %d within %s", host, height, timeout)
                        .isLessThan(deadline);
                Thread.sleep(250);
            }
        }

        String awaitSameTip(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> tips = List.of();
            while (System.nanoTime() < deadline) {
                List<String> now = new ArrayList<>();
                for (int i = 0; i < HOSTS; i++) {
                    now.add(status(i).get("tipHash").asText());
                }
                tips = now;
                if (tips.stream().distinct().count() == 1) {
                    return tips.getFirst();
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the hosts did not reach one tip within " + timeout + ": " + tips);
        }

        void awaitIncluded(int host, String tx, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode t = get(host, "/api/v1/transactions/" + tx);
                if (t != null && "included".equals(t.get("status").asText())) {
                    return;
                }
                assertThat(System.nanoTime())
                        .as("host %d: transaction %s included within %s (now %s)", host, tx, timeout, t)
                        .isLessThan(deadline);
                Thread.sleep(250);
            }
        }

        /** Waits until the host's view of task 1 has its first round decided; returns that round. */
        JsonNode awaitFirstRound(int host, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode task = get(host, "/api/v1/tasks/1");
                if (task != null && task.path("rounds").size() > 0) {
                    return task.path("rounds").get(0);
                }
                if (System.nanoTime() > deadline) {
                    List<String> states = new ArrayList<>();
                    for (int i = 0; i < HOSTS; i++) {
                        JsonNode s = status(i);
                        states.add(i + ": " + s.get("height") + " "
                                + s.get("tipHash").asText().substring(0, 8));
                    }
                    throw new AssertionError("host " + host + ": task 1's first round not decided within " + timeout
                            + "; its view of the task: " + task + "; the hosts' tips: " + states);
                }
                Thread.sleep(500);
            }
        }
    }
}
