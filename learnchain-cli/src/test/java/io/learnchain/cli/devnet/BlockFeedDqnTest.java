package io.learnchain.cli.devnet;

import static io.learnchain.cli.devnet.DqnBlockViews.GENESIS;
import static io.learnchain.cli.devnet.DqnBlockViews.block;
import static io.learnchain.cli.devnet.DqnBlockViews.event;
import static io.learnchain.cli.devnet.DqnBlockViews.hash;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed's dqn lines end to end: the node's block events go in, the block views come from an
 * HTTP server on loopback that answers as a node's API does, the printed lines come out.
 */
class BlockFeedDqnTest {
    private final Map<String, JsonNode> views = new ConcurrentHashMap<>();
    private HttpServer api;
    private DevnetPlan.NodePlan node;
    private DevnetPlan plan;

    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/api/v1/blocks", this::answer);
        api.start();
        plan = DevnetPlan.of(Path.of("unused-devnet-root"), 1, api.getAddress().getPort());
        node = plan.nodes().getFirst();
    }

    @AfterEach
    void stopApi() {
        api.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        JsonNode body;
        if (path.equals("/api/v1/blocks")) { // the backfill's page: newest first, as the API lists them
            String query = exchange.getRequestURI().getQuery();
            long before = Long.parseLong(query.replaceAll(".*before=([0-9]+).*", "$1"));
            ArrayNode blocks = DqnBlockViews.JSON.createArrayNode();
            views.values().stream()
                    .filter(v -> v.path("height").asLong() < before)
                    .sorted((a, b) -> Long.compare(
                            b.path("height").asLong(), a.path("height").asLong()))
                    .forEach(blocks::add);
            body = DqnBlockViews.JSON.createObjectNode().set("blocks", blocks);
        } else {
            body = views.get(path.substring(path.lastIndexOf('/') + 1));
        }
        byte[] bytes =
                (body == null ? "{\"message\":\"no such block\"}" : body.toString()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private JsonNode serve(JsonNode view) {
        views.put(view.path("hash").asText(), view);
        return view;
    }

    /** The printed lines without the trailing "(node 0, 1.2 s)", which depends on the clock. */
    private static List<String> lines(StringWriter out) {
        return Arrays.stream(out.toString().split("\n"))
                .map(l -> l.replaceAll("  \\(node 0, [0-9.]+ s\\)$", ""))
                .toList();
    }

    private static String shortHash(String name) {
        return hash(name).substring(0, 8);
    }

    @Test
    void printsEveryCandidateButCountsTheReturnOnlyAlongTheChainEachBlockExtends() throws Exception {
        JsonNode a1 = serve(block("a1", GENESIS, 1, 1, 900, 1000));
        JsonNode a2 = serve(block("a2", hash("a1"), 2, 1, 300, 1000));
        JsonNode b2 = serve(block("b2", hash("a1"), 2, 0, 950, 1000, false, false, 1));
        JsonNode b3 = serve(block("b3", hash("b2"), 3, 0, 870, 1000));
        JsonNode b4 = serve(block("b4", hash("b3"), 4, 1, -1000, 1000, true, true, 1));
        JsonNode c5 = serve(block("c5", hash("b4"), 5, 1, 990, 1000));
        StringWriter text = new StringWriter();
        try (BlockFeed feed = new BlockFeed(plan, new PrintWriter(text), false, 10, System.nanoTime())) {
            feed.startPrinting();
            feed.onEvent(node, event(a1));
            feed.onEvent(node, event(a2));
            // the other node's candidate at height 2 wins: the tip is replaced at the same height
            feed.onEvent(
                    node,
                    DqnBlockViews.JSON
                            .createObjectNode()
                            .put("event", "reorg")
                            .put("oldTip", hash("a2"))
                            .put("newTip", hash("b2"))
                            .put("forkHeight", 1)
                            .put("disconnected", 1)
                            .put("connected", 1)
                            .put("transactionsReturned", 0));
            feed.onEvent(node, event(b2));
            feed.onEvent(node, event(a2)); // another node connects a2 too: printed once
            feed.onEvent(node, event(b3));
            feed.onEvent(node, event(b4));
            feed.onEvent(node, event(c5));
        }

        assertThat(lines(text))
                .containsExactly(
                        "  #1     " + shortHash("a1") + "  dqn     miner dev:0  action 1  reward 0.900  return 1.000",
                        "  #2     " + shortHash("a2") + "  dqn     miner dev:0  action 1  reward 0.300  return 2.000",
                        "  node 0 reorganised at height 1: 1 block(s) left, 1 joined, 0 transaction(s) back in its mempool",
                        "  #2     " + shortHash("b2") + "  dqn     miner dev:1  action 0  reward 0.950  return 2.000",
                        "  #3     " + shortHash("b3") + "  dqn     miner dev:0  action 0  reward 0.870  return 3.000",
                        "  #4     " + shortHash("b4")
                                + "  dqn     miner dev:1  action 1  reward -1.000  episode 1 ended: return 4.000",
                        "  #5     " + shortHash("c5") + "  dqn     miner dev:0  action 1  reward 0.990  return 1.000");
    }

    @Test
    void countsTheEpisodesOfAResumedDevnetFromTheFirstBlockItsBackfillPrints() throws Exception {
        serve(block("r57", hash("r56"), 57, 1, 900, 1000));
        serve(block("r58", hash("r57"), 58, 0, -1000, 1000, true, true, 0));
        serve(block("r59", hash("r58"), 59, 1, 950, 1000));
        JsonNode r60 = serve(block("r60", hash("r59"), 60, 1, 960, 1000, false, true, 0));
        StringWriter text = new StringWriter();
        try (BlockFeed feed = new BlockFeed(plan, new PrintWriter(text), false, 10, System.nanoTime())) {
            feed.backfill(node, 59);
            feed.onEvent(node, event(r60));
            feed.startPrinting();
        }

        assertThat(lines(text))
                .containsExactly(
                        "  #57    " + shortHash("r57")
                                + "  dqn     miner dev:0  action 1  reward 0.900  return 1.000 (partial: counted from #57)",
                        "  #58    " + shortHash("r58")
                                + "  dqn     miner dev:0  action 0  reward -1.000  episode 1 since #57 ended: "
                                + "return 2.000 (partial: counted from #57)",
                        "  #59    " + shortHash("r59") + "  dqn     miner dev:0  action 1  reward 0.950  return 1.000",
                        "  #60    " + shortHash("r60")
                                + "  dqn     miner dev:0  action 1  reward 0.960  episode 2 since #57 ended "
                                + "(step limit): return 2.000");
    }
}
