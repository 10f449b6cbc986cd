package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.cli.api.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A devnet node killed with SIGKILL in the middle of the task restarts on its data directory and
 * catches up, models included; a node that joins late syncs from genesis with --verify replay and
 * reaches the same tip and the same account state.
 */
class DevnetRecoveryIT {
    @Test
    void aKilledNodeCatchesUpAndALateNodeSyncsWithReplay(@TempDir Path tmp) throws Exception {
        int base = DevnetPorts.freeBase(4);
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
            devnet.awaitTaskBlocks(1, Duration.ofSeconds(120));
            Optional<ProcessHandle> node2 = ProcessHandle.of(devnet.pid(2));
            assertThat(node2).isPresent();
            node2.get().destroyForcibly();
            node2.get().onExit().get();

            try (NodeProcess restarted = NodeProcess.start(NodeProcess.TRAINING_JVM, devnet.nodeArgs(2));
                    NodeProcess late = NodeProcess.start(
                            NodeProcess.TRAINING_JVM,
                            "node",
                            "--dev",
                            "--genesis",
                            devnet.genesis().toString(),
                            "--datadir",
                            tmp.resolve("late").toString(),
                            "--api-port",
                            Integer.toString(base + 3),
                            "--p2p-port",
                            Integer.toString(base + 1003),
                            "--peer",
                            "127.0.0.1:" + (base + 1000),
                            "--verify",
                            "replay",
                            "--no-mine",
                            "--json")) {
                restarted.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
                late.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
                int before = devnet.awaitTaskBlocks(1, Duration.ZERO).size();
                devnet.awaitTaskBlocks(before + 2, Duration.ofSeconds(150));

                List<ApiClient> apis = List.of(
                        devnet.api(0), devnet.api(1), devnet.api(2), new ApiClient("http://127.0.0.1:" + (base + 3)));
                String tip = DevnetRun.awaitSameTip(apis, Duration.ofSeconds(90));
                models = DevnetMiningIT.taskModelsUpTo(apis.getFirst(), tip);
                assertThat(models).hasSizeGreaterThanOrEqualTo(2);
                assertSameAccounts(apis, tip);
                assertThat(restarted.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
                assertThat(late.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
            }
            assertThat(devnet.stop()).isIn(0, 130, 143);
        }
        for (String model : models) {
            assertThat(DevnetMiningIT.hasBlob(dir.resolve("node-2"), model))
                    .as("model %s on the restarted node", model)
                    .isTrue();
            assertThat(DevnetMiningIT.hasBlob(tmp.resolve("late"), model))
                    .as("model %s on the late node", model)
                    .isTrue();
        }
    }

    /** Every dev account's balance and nonce agree on all nodes while they are all at {@code tip}. */
    private static void assertSameAccounts(List<ApiClient> apis, String tip) {
        for (int i = 0; i < DevAccounts.DEFAULT_COUNT; i++) {
            String path = "/api/v1/accounts/" + DevAccounts.address(i);
            String expected = apis.getFirst().get(path).toString();
            for (ApiClient api : apis.subList(1, apis.size())) {
                if (!api.get("/api/v1/status").get("tipHash").asText().equals(tip)) {
                    return; // the chain moved on meanwhile: the tip comparison above already holds
                }
                assertThat(api.get(path).toString()).as("account dev:%d", i).isEqualTo(expected);
            }
        }
    }
}
