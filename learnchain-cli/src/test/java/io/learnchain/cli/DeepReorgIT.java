package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.cli.api.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCENARIOS.md B9: a deep reorganisation across real node processes. Two sides of one dev chain
 * (idle blocks, one a second) mine apart from genesis: the short side (S1 mining, S2 following it)
 * 50 blocks, the long side (L1 mining) 52. Each side includes a transfer of its own, and one
 * transfer goes to both. The miners then stop (the processes exit), L1 comes back without mining and
 * linked to S2, and S1 comes back without mining and linked to L1. Every node must end on the long
 * side's tip with the same blocks and balances; S2 reorganises 50 blocks deep in one step (within the
 * genesis max-reorg-depth); both short-side nodes have their abandoned transfer back in the mempool,
 * while the transfer both sides included is not returned; nothing the long side built is lost.
 */
class DeepReorgIT {
    private static final int SHORT = Integer.getInteger("learnchain.reorg.short", 50);
    private static final int LONG = Integer.getInteger("learnchain.reorg.long", 52);
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    private record Node(String name, List<String> args, int apiPort, int p2pPort) {
        ApiClient api() {
            return new ApiClient("http://127.0.0.1:" + apiPort);
        }

        String peer() {
            return "127.0.0.1:" + p2pPort;
        }

        NodeProcess start(String... more) throws Exception {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of(more));
            NodeProcess p = NodeProcess.start(all.toArray(String[]::new));
            return p;
        }
    }

    @Test
    void theLongerSideWinsAcrossProcessesAndTheShortSidesTransferGoesBackToItsMempool(@TempDir Path tmp)
            throws Exception {
        long started = System.nanoTime();
        Path genesis = writeGenesis(tmp.resolve("genesis.toml"));
        int maxReorgDepth = maxReorgDepth(genesis);
        assertThat(SHORT)
                .as("the reorganisation stays within the genesis limit")
                .isLessThanOrEqualTo(maxReorgDepth);
        int base = DevnetPorts.freeBase(3);
        Node s1 = node(tmp, genesis, "s1", base, 0);
        Node s2 = node(tmp, genesis, "s2", base, 1);
        Node l1 = node(tmp, genesis, "l1", base, 2);

        String txShort;
        String txLong;
        String txBoth;
        Tip shortTip;
        Map<Long, String> longBlocks = new TreeMap<>();
        long apartFrom;
        long apartTo;
        try (NodeProcess s1Miner = s1.start("--miner-key", "dev:0");
                NodeProcess s2Follower = s2.start("--no-mine", "--peer", s1.peer());
                NodeProcess l1Miner = l1.start("--miner-key", "dev:1")) {
            for (NodeProcess p : List.of(s1Miner, s2Follower, l1Miner)) {
                p.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
            }
            apartFrom = System.nanoTime();
            DevnetRun.awaitHeight(s1.api(), 2, Duration.ofSeconds(120));
            DevnetRun.awaitHeight(l1.api(), 2, Duration.ofSeconds(120));
            txShort = DevnetRun.sendOneCoin(s1.apiPort(), 3);
            txLong = DevnetRun.sendOneCoin(l1.apiPort(), 4);
            txBoth = DevnetRun.sendOneCoin(s1.apiPort(), 5);
            assertThat(DevnetRun.sendOneCoin(l1.apiPort(), 5))
                    .as("the same signed transfer (Ed25519 signs deterministically) sent to both sides")
                    .isEqualTo(txBoth);
            awaitIncluded(s2.api(), txShort);
            awaitIncluded(s2.api(), txBoth);
            awaitIncluded(l1.api(), txLong);
            awaitIncluded(l1.api(), txBoth);
            assertThat(l1.api().getIfPresent("/api/v1/transactions/" + txShort)).isNull();
            assertThat(s1.api().getIfPresent("/api/v1/transactions/" + txLong)).isNull();

            // The short side's miner leaves at SHORT blocks, the long side's at LONG (at least 2 more).
            DevnetRun.awaitHeight(s1.api(), SHORT, Duration.ofSeconds(120));
            assertThat(s1Miner.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
            Tip s1Tip = lastBlock(s1Miner);
            // S2 has S1's last block, unless S1 sealed one more as it stopped and left before sending it.
            shortTip = awaitTip(s2.api(), s1Tip, Duration.ofSeconds(10));
            DevnetRun.awaitHeight(l1.api(), Math.max(LONG, s1Tip.height() + 2), Duration.ofSeconds(120));
            assertThat(l1Miner.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
            apartTo = System.nanoTime();
            Tip longTip = lastBlock(l1Miner);
            assertThat(longTip.height()).isGreaterThanOrEqualTo(s1Tip.height() + 2);

            // They meet: L1 back without mining, linked to S2; S1 back without mining, linked to L1.
            try (NodeProcess l1Back = l1.start("--no-mine", "--peer", s2.peer());
                    NodeProcess s1Back = s1.start("--no-mine", "--peer", l1.peer())) {
                l1Back.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
                long meetAt = System.nanoTime();
                // The long side's blocks, as L1 stored them (its first ones came before its JSON lines began).
                for (long h = 1; h <= longTip.height(); h++) {
                    longBlocks.put(
                            h, l1.api().get("/api/v1/blocks/" + h).get("hash").asText());
                }
                assertThat(longBlocks.get(longTip.height())).isEqualTo(longTip.hash());
                s1Back.awaitLine(l -> l.startsWith("{\"event\":\"started\""), DevnetRun.START);
                List<ApiClient> all = List.of(s1.api(), s2.api(), l1.api());
                String tip = DevnetRun.awaitSameTip(all, CONVERGE);
                double convergeSeconds = (System.nanoTime() - meetAt) / 1e9;
                assertThat(tip)
                        .as(
                                "every node ends on the longer side's tip (the short side's was %s at height %d)",
                                shortTip.hash(), shortTip.height())
                        .isEqualTo(longTip.hash());

                // S2 ran through it: one reorganisation undoing its whole branch, forking at genesis, as soon
                // as the long side's branch was better (as long and a better tip score, or longer); the rest
                // of it then connected on top.
                List<JsonNode> reorgs = reorgs(s2Follower);
                assertThat(reorgs).as("S2's reorganisations").hasSize(1);
                JsonNode reorg = reorgs.getFirst();
                assertThat(reorg.get("oldTip").asText()).isEqualTo(shortTip.hash());
                assertThat(reorg.get("forkHeight").asLong()).isZero();
                assertThat(reorg.get("disconnected").asLong())
                        .isEqualTo(shortTip.height())
                        .isLessThanOrEqualTo(maxReorgDepth);
                assertThat(reorg.get("connected").asLong()).isBetween(shortTip.height(), longTip.height());
                assertThat(longBlocks).containsValue(reorg.get("newTip").asText());
                assertThat(reorg.get("transactionsReturned").asInt())
                        .as("the short side's own transfer, not the one both sides included")
                        .isEqualTo(1);
                int s1Returned = returnedByS1(s1Back);
                assertThat(s1Returned)
                        .as("S1 returned its branch's own transfer")
                        .isEqualTo(1);

                // The abandoned transfer is pending again on both short-side nodes; the others are included.
                for (Node n : List.of(s1, s2)) {
                    assertThat(mempool(n.api()))
                            .as("%s's mempool after the reorganisation", n.name())
                            .contains(txShort)
                            .doesNotContain(txBoth, txLong);
                    assertThat(status(n.api(), txShort))
                            .as("%s: %s", n.name(), txShort)
                            .isEqualTo("pending");
                }
                for (Node n : List.of(s1, s2, l1)) {
                    for (String tx : List.of(txLong, txBoth)) {
                        assertThat(status(n.api(), tx))
                                .as("%s: %s", n.name(), tx)
                                .isEqualTo("included");
                    }
                }

                // One chain and one state: every block of the long side at its height, the same balances.
                for (Node n : List.of(s1, s2, l1)) {
                    for (Map.Entry<Long, String> b : longBlocks.entrySet()) {
                        assertThat(n.api()
                                        .get("/api/v1/blocks/" + b.getKey())
                                        .get("hash")
                                        .asText())
                                .as("%s: block at height %d", n.name(), b.getKey())
                                .isEqualTo(b.getValue());
                    }
                }
                Map<String, String> stateOfL1 = state(l1.api(), tip);
                assertThat(state(s1.api(), tip)).isEqualTo(stateOfL1);
                assertThat(state(s2.api(), tip)).isEqualTo(stateOfL1);

                System.out.printf(
                        "deep reorganisation: %d blocks (short side, 2 nodes) and %d blocks (long side) mined apart"
                                + " in %.0f s; one tip %s on 3 nodes %.1f s after the long side came back; S2"
                                + " undid %d blocks in one step (genesis max-reorg-depth %d) and returned %d"
                                + " transfer(s) to its mempool, S1 %d at its start; %d long-side blocks and the"
                                + " same balances on every node; total %.0f s%n",
                        shortTip.height(),
                        longTip.height(),
                        (apartTo - apartFrom) / 1e9,
                        tip.substring(0, 8),
                        convergeSeconds,
                        reorg.get("disconnected").asLong(),
                        maxReorgDepth,
                        reorg.get("transactionsReturned").asInt(),
                        s1Returned,
                        longBlocks.size(),
                        (System.nanoTime() - started) / 1e9);
                assertThat(l1Back.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
                assertThat(s1Back.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
            }
            assertThat(s2Follower.exitCodeAfterStop(Duration.ofSeconds(30))).isIn(0, 143);
        }
    }

    private record Tip(long height, String hash) {}

    private static Node node(Path tmp, Path genesis, String name, int base, int index) {
        int api = base + index;
        int p2p = base + 1000 + index;
        return new Node(
                name,
                List.of(
                        "node",
                        "--dev",
                        "--genesis",
                        genesis.toString(),
                        "--datadir",
                        tmp.resolve(name).toString(),
                        "--api-port",
                        Integer.toString(api),
                        "--p2p-port",
                        Integer.toString(p2p),
                        "--json"),
                api,
                p2p);
    }

    /** The dev chain's genesis with the idle engine: in dev mode its miners seal one block a second. */
    private static Path writeGenesis(Path genesis) throws Exception {
        NodeProcess.writeIdleDevGenesis(genesis);
        return genesis;
    }

    private static int maxReorgDepth(Path genesis) throws IOException {
        Matcher m = Pattern.compile("(?m)^limits\\.max-reorg-depth = (\\d+)$").matcher(Files.readString(genesis));
        assertThat(m.find()).as("the genesis names its max-reorg-depth").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static Tip lastBlock(NodeProcess p) throws IOException {
        List<String> lines = p.lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("{\"event\":\"block\"")) {
                JsonNode b = DevnetRun.JSON.readTree(lines.get(i));
                return new Tip(b.get("height").asLong(), b.get("hash").asText());
            }
        }
        throw new AssertionError("no block line in:\n" + String.join("\n", lines));
    }

    private static List<JsonNode> reorgs(NodeProcess p) throws IOException {
        List<JsonNode> reorgs = new ArrayList<>();
        for (String line : p.lines()) {
            if (line.startsWith("{\"event\":\"reorg\"")) {
                reorgs.add(DevnetRun.JSON.readTree(line));
            }
        }
        return reorgs;
    }

    private static final Pattern LOGGED_REORG = Pattern.compile(
            "reorganised from .* (\\d+) block\\(s\\) undone, (\\d+) transaction\\(s\\) back in the mempool");

    /**
     * What S1 returned to its mempool, from its log lines (it reorganises as it syncs at start, maybe
     * before its JSON lines begin; the log line comes either way).
     */
    private static int returnedByS1(NodeProcess s1) {
        int returned = 0;
        for (String line : s1.lines()) {
            Matcher m = LOGGED_REORG.matcher(line);
            if (m.find()) {
                returned += Integer.parseInt(m.group(2));
            }
        }
        return returned;
    }

    private static List<String> mempool(ApiClient api) {
        return StreamSupport.stream(api.get("/api/v1/mempool").spliterator(), false)
                .map(tx -> tx.get("hash").asText())
                .toList();
    }

    private static String status(ApiClient api, String tx) {
        JsonNode t = api.getIfPresent("/api/v1/transactions/" + tx);
        return t == null ? "unknown" : t.get("status").asText();
    }

    /** The tip's state root and the balance and nonce of every account the test touches. */
    private static Map<String, String> state(ApiClient api, String tip) {
        Map<String, String> state = new HashMap<>();
        JsonNode block = api.get("/api/v1/blocks/" + tip);
        state.put("stateRoot", block.get("stateRoot").asText());
        for (int i : new int[] {0, 1, 3, 4, 5, 9}) {
            JsonNode a = api.get("/api/v1/accounts/" + DevAccounts.address(i));
            state.put(
                    "dev:" + i,
                    a.get("balance").toString() + " nonce " + a.get("nonce").asLong());
        }
        return state;
    }

    /** Waits for {@code tip} on {@code api}; returns the tip it has then (one block lower at most). */
    private static Tip awaitTip(ApiClient api, Tip tip, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode s = api.get("/api/v1/status");
            Tip now = new Tip(s.get("height").asLong(), s.get("tipHash").asText());
            if (now.equals(tip) || System.nanoTime() > deadline) {
                assertThat(now.height()).as("tip %s", tip).isBetween(tip.height() - 1, tip.height());
                return now;
            }
            Thread.sleep(100);
        }
    }

    private static void awaitIncluded(ApiClient api, String tx) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"included".equals(status(api, tx))) {
            assertThat(System.nanoTime())
                    .as("transaction %s included within 30 s", tx)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
