package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `learnchain devnet` as a real process with real node processes (engine idle): it starts them,
 * streams their blocks, stops them all on SIGTERM (Ctrl-C), leaves no node behind when it is
 * killed itself, and restarts a devnet kept in --datadir where it stopped.
 */
class DevnetProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void stopsEveryNodeOnSigtermAndDeletesItsTemporaryData() throws Exception {
        int base = DevnetPorts.freeBase(2);
        try (NodeProcess devnet = NodeProcess.start(
                "devnet",
                "--engine",
                "idle",
                "--nodes",
                "2",
                "--block-time",
                "1",
                "--base-port",
                Integer.toString(base),
                "--json")) {
            JsonNode started = started(devnet);
            Path datadir = Path.of(started.get("datadir").asText());
            assertThat(started.get("ephemeral").asBoolean()).isTrue();
            assertThat(started.get("nodes")).hasSize(2);
            assertThat(started.get("nodes").get(1).get("api").asText())
                    .isEqualTo("http://127.0.0.1:" + (base + 1) + "/api/v1");
            assertThat(started.get("devAccounts")).hasSize(10);
            devnet.awaitLine(l -> isBlockFrom(l, 0), START);
            devnet.awaitLine(l -> isBlockFrom(l, 1), START);
            List<ProcessHandle> nodes = nodeProcesses(started);
            assertThat(nodes).allMatch(ProcessHandle::isAlive);
            assertThat(datadir.resolve("node-1").resolve("node.log")).exists();

            assertThat(devnet.exitCodeAfterStop(Duration.ofSeconds(40))).isIn(0, 130, 143);

            assertThat(nodes).noneMatch(ProcessHandle::isAlive);
            assertThat(datadir).doesNotExist();
        }
    }

    @Test
    void leavesNoNodeRunningWhenItIsKilledWithSigkill() throws Exception {
        int base = DevnetPorts.freeBase(2);
        List<ProcessHandle> nodes;
        try (NodeProcess devnet = NodeProcess.start(
                "devnet", "--engine", "idle", "--nodes", "2", "--base-port", Integer.toString(base), "--json")) {
            nodes = nodeProcesses(started(devnet));
            assertThat(nodes).allMatch(ProcessHandle::isAlive);
            devnet.kill();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (nodes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<ProcessHandle> orphans =
                nodes.stream().filter(ProcessHandle::isAlive).toList();
        orphans.forEach(ProcessHandle::destroyForcibly);
        assertThat(orphans)
                .as("node processes still running 20 s after the devnet was killed")
                .isEmpty();
    }

    @Test
    void restartsADevnetKeptInItsDatadirWhereItStopped(@TempDir Path tmp) throws Exception {
        int base = DevnetPorts.freeBase(2);
        Path datadir = tmp.resolve("net");
        String[] args = {
            "devnet",
            "--engine",
            "idle",
            "--nodes",
            "2",
            "--block-time",
            "1",
            "--base-port",
            Integer.toString(base),
            "--datadir",
            datadir.toString(),
            "--json"
        };
        long reached;
        try (NodeProcess devnet = NodeProcess.start(args)) {
            started(devnet);
            reached = JSON.readTree(devnet.awaitLine(l -> isBlockFrom(l, 0) && height(l) >= 3, START))
                    .get("height")
                    .asLong();
            assertThat(devnet.exitCodeAfterStop(Duration.ofSeconds(40))).isIn(0, 130, 143);
        }
        assertThat(datadir.resolve("genesis.toml")).exists();
        assertThat(datadir.resolve("node-0").resolve("chain")).isDirectory();

        try (NodeProcess devnet = NodeProcess.start(args)) {
            JsonNode started = started(devnet);
            assertThat(started.get("ephemeral").asBoolean()).isFalse();
            String next = devnet.awaitLine(l -> isBlockFrom(l, 0), START);
            assertThat(height(next)).as("node 0 goes on from its stored chain").isGreaterThan(reached);
            assertThat(devnet.exitCodeAfterStop(Duration.ofSeconds(40))).isIn(0, 130, 143);
        }
        assertThat(Files.isDirectory(datadir)).as("a --datadir devnet is kept").isTrue();
    }

    static JsonNode started(NodeProcess devnet) throws Exception {
        return JSON.readTree(devnet.awaitLine(l -> l.startsWith("{\"event\":\"started\""), START));
    }

    static List<ProcessHandle> nodeProcesses(JsonNode started) {
        List<ProcessHandle> nodes = new ArrayList<>();
        for (JsonNode node : started.get("nodes")) {
            Optional<ProcessHandle> handle = ProcessHandle.of(node.get("pid").asLong());
            assertThat(handle).as("node %s's process", node.get("index")).isPresent();
            nodes.add(handle.get());
        }
        return nodes;
    }

    static boolean isBlockFrom(String line, int node) {
        return line.startsWith("{\"event\":\"block\"") && line.contains("\"node\":" + node + ",");
    }

    static long height(String line) {
        try {
            return JSON.readTree(line).get("height").asLong();
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
