package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCENARIOS.md B8, scaled down: a devnet of two connected nodes and a third node with no link to
 * them mine apart, each side including a transfer of its own; then the third node is connected
 * (restarted with --peer). All three reach one tip; the side that abandoned its branch put its
 * transfer back into its mempool, and both transfers end up in the common chain.
 */
class DevnetPartitionIT {
    @Test
    void twoSidesMineApartThenConvergeAndKeepTheAbandonedTransfers(@TempDir Path tmp) throws Exception {
        int base = DevnetPorts.freeBase(3);
        try (DevnetRun sideA = DevnetRun.start(
                DevnetRun.START,
                "--nodes",
                "2",
                "--engine",
                "idle",
                "--block-time",
                "1",
                "--base-port",
                Integer.toString(base))) {
            List<String> sideBArgs = new ArrayList<>(List.of(
                    "node",
                    "--dev",
                    "--genesis",
                    sideA.genesis().toString(),
                    "--datadir",
                    tmp.resolve("b").toString(),
                    "--api-port",
                    Integer.toString(base + 2),
                    "--p2p-port",
                    Integer.toString(base + 1002),
                    "--miner-key",
                    "dev:2",
                    "--json"));
            ApiClient a = sideA.api(0);
            ApiClient b = new ApiClient("http://127.0.0.1:" + (base + 2));
            String txA;
            String txB;
            try (NodeProcess sideB = NodeProcess.start(sideBArgs.toArray(String[]::new))) {
                sideB.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
                DevnetRun.awaitHeight(a, 3, Duration.ofSeconds(60));
                DevnetRun.awaitHeight(b, 3, Duration.ofSeconds(60));
                txA = DevnetRun.sendOneCoin(base, 3);
                txB = DevnetRun.sendOneCoin(base + 2, 4);
                awaitIncluded(a, txA);
                awaitIncluded(b, txB);
                assertThat(a.get("/api/v1/status").get("tipHash").asText())
                        .isNotEqualTo(b.get("/api/v1/status").get("tipHash").asText());
                assertThat(b.getIfPresent("/api/v1/transactions/" + txA))
                        .as("side B never saw side A's transfer")
                        .isNull();
                assertThat(sideB.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
            }
            sideBArgs.addAll(List.of("--peer", "127.0.0.1:" + (base + 1000)));
            try (NodeProcess healed = NodeProcess.start(sideBArgs.toArray(String[]::new))) {
                healed.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
                long healedAt = System.nanoTime();
                String tip = DevnetRun.awaitSameTip(List.of(a, sideA.api(1), b), Duration.ofSeconds(60));
                System.out.printf(
                        "devnet partition: one tip %s on 3 nodes %.1f s after the link came up%n",
                        tip.substring(0, 8), (System.nanoTime() - healedAt) / 1e9);
                List<String> output = new ArrayList<>(healed.lines());
                output.addAll(sideA.process().lines());
                assertThat(output)
                        .as("one side abandoned its branch and put its transfer back into its mempool")
                        .anyMatch(DevnetPartitionIT::returnedTransactions);
                for (String tx : List.of(txA, txB)) {
                    awaitIncluded(a, tx);
                    awaitIncluded(b, tx);
                }
                assertThat(healed.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
            }
            assertThat(sideA.stop()).isIn(0, 130, 143);
        }
    }

    private static void awaitIncluded(ApiClient api, String tx) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode t = api.getIfPresent("/api/v1/transactions/" + tx);
            if (t != null && "included".equals(t.get("status").asText())) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("transaction %s included within 30 s", tx)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static final Pattern LOGGED_REORG =
            Pattern.compile("reorganised from .* (\\d+) transaction\\(s\\) back in the mempool");

    /**
     * A reorganisation that returned transactions to the mempool: a node's or the devnet's JSON
     * line, or the node's log line (a node that syncs while it starts reorganises before its JSON
     * events begin).
     */
    private static boolean returnedTransactions(String line) {
        Matcher logged = LOGGED_REORG.matcher(line);
        if (logged.find()) {
            return Integer.parseInt(logged.group(1)) > 0;
        }
        if (!line.startsWith("{\"event\":\"reorg\"")) {
            return false;
        }
        try {
            return DevnetRun.JSON.readTree(line).get("transactionsReturned").asInt() > 0;
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
