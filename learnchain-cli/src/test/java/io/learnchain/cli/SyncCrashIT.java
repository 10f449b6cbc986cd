package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.cli.api.ApiClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCENARIOS.md C13 during sync and blob download: a node joining a pole devnet whose chain holds task
 * rounds (the training set, shards and models are blobs it must fetch) is killed with SIGKILL at seeded
 * random moments: in rounds, each from an empty data directory (6 rounds of 2 kills in {@code ./mvnw verify}, 12
 * in all; {@code -Dlearnchain.synccrash.rounds=10 -Dlearnchain.synccrash.kills=10} gives the scenario's 100,
 * about 20 minutes here), so the kills
 * fall while it opens its store, syncs headers and blocks, fetches blobs and follows the tip. After every
 * kill the next start must open the store by itself (a damaged store would refuse with exit 2), after
 * every round {@code chain verify} passes, and at the end the joiner reaches the devnet's tip with every
 * task model on disk.
 */
class SyncCrashIT {
    private static final int ROUNDS = Integer.getInteger("learnchain.synccrash.rounds", 6);
    private static final int KILLS_PER_ROUND = Integer.getInteger("learnchain.synccrash.kills", 2);
    private static final long SEED = Long.getLong("learnchain.synccrash.seed", 20261207L);

    @Test
    void aJoiningNodeKilledAtRandomDuringSyncAndBlobDownloadAlwaysReopensAndCatchesUp(@TempDir Path tmp)
            throws Exception {
        int base = DevnetPorts.freeBase(4);
        try (DevnetRun devnet = DevnetRun.start(
                DevnetRun.START,
                "--nodes",
                "2",
                "--engine",
                "pole",
                "--task",
                "mlp-small",
                "--block-time",
                "1",
                "--base-port",
                Integer.toString(base),
                "--datadir",
                tmp.resolve("net").toString())) {
            devnet.awaitTaskBlocks(2, Duration.ofSeconds(180));
            SplitMix64 rng = new SplitMix64(SEED);
            int killsMidSync = 0;
            int killsBeforeAnyBlock = 0;
            int killsCaughtUp = 0;
            long started = System.nanoTime();
            Path joiner = tmp.resolve("joiner");
            for (int round = 0; round < ROUNDS; round++) {
                joiner = tmp.resolve("joiner-" + round);
                for (int k = 0; k < KILLS_PER_ROUND; k++) {
                    try (NodeProcess node =
                            NodeProcess.start(NodeProcess.TRAINING_JVM, joinerArgs(devnet, joiner, base))) {
                        node.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
                        Thread.sleep(rng.nextInt(2_500));
                        assertThat(node.isAlive())
                                .as(
                                        "the joiner was still running before kill %d of round %d (seed %d): it must"
                                                + " open a store left by the last kill; output:%n%s",
                                        k, round, SEED, String.join("\n", node.lines()))
                                .isTrue();
                        long sourceHeight = devnet.api(0)
                                .get("/api/v1/status")
                                .get("height")
                                .asLong();
                        node.kill();
                        long reached = node.lines().stream()
                                .filter(l -> l.startsWith("{\"event\":\"block\""))
                                .mapToLong(SyncCrashIT::height)
                                .max()
                                .orElse(-1);
                        if (reached < 0) {
                            killsBeforeAnyBlock++;
                        } else if (reached >= sourceHeight - 1) {
                            killsCaughtUp++;
                        } else {
                            killsMidSync++;
                        }
                    }
                }
                NodeProcess.Result verify = NodeProcess.run(
                        Duration.ofSeconds(120), "chain", "verify", "--datadir", joiner.toString(), "--json");
                assertThat(verify.exitCode())
                        .as("chain verify after round %d (seed %d):%n%s", round, SEED, verify.output())
                        .isZero();
            }
            double killSeconds = (System.nanoTime() - started) / 1e9;
            try (NodeProcess last = NodeProcess.start(NodeProcess.TRAINING_JVM, joinerArgs(devnet, joiner, base))) {
                last.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
                ApiClient joinerApi = new ApiClient("http://127.0.0.1:" + (base + 3));
                String tip = DevnetRun.awaitSameTip(List.of(devnet.api(0), joinerApi), Duration.ofSeconds(120));
                List<String> models = DevnetMiningIT.taskModelsUpTo(devnet.api(0), tip);
                assertThat(models).hasSizeGreaterThanOrEqualTo(2);
                for (String model : models) {
                    assertThat(DevnetMiningIT.hasBlob(joiner, model))
                            .as("model %s on the joiner", model)
                            .isTrue();
                }
                System.out.printf(
                        "sync crash test: seed %d, %d SIGKILLs in %.0f s (%d before the joiner connected a block, %d"
                                + " mid-sync, %d after it caught up); every start reopened the store, chain verify"
                                + " passed after each round of %d, and the last start reached tip %s with all %d task"
                                + " models%n",
                        SEED,
                        ROUNDS * KILLS_PER_ROUND,
                        killSeconds,
                        killsBeforeAnyBlock,
                        killsMidSync,
                        killsCaughtUp,
                        KILLS_PER_ROUND,
                        tip.substring(0, 16),
                        models.size());
                assertThat(killsMidSync)
                        .as("kills that landed while the joiner was syncing")
                        .isPositive();
            }
            assertThat(devnet.stop()).isIn(0, 130, 143);
        }
    }

    private static long height(String blockEvent) {
        try {
            return DevnetRun.JSON.readTree(blockEvent).get("height").asLong();
        } catch (IOException e) {
            return -1; // a line cut by the kill
        }
    }

    private static String[] joinerArgs(DevnetRun devnet, Path datadir, int base) {
        return new String[] {
            "node",
            "--dev",
            "--genesis",
            devnet.genesis().toString(),
            "--datadir",
            datadir.toString(),
            "--api-port",
            Integer.toString(base + 3),
            "--p2p-port",
            Integer.toString(base + 1003),
            "--peer",
            "127.0.0.1:" + (base + 1000),
            "--no-mine",
            "--json"
        };
    }
}
