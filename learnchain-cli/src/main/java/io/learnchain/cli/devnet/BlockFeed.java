package io.learnchain.cli.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiClient;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.cli.devnet.DevnetPlan.NodePlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The devnet's live output: one summary line per block (the first time any node connects it; its
 * details come from that node's API) and one per reorganisation. Events arrive on the nodes' output
 * threads; one printer thread fetches details and prints, so a slow API never blocks a node's pipe.
 * A dqn block's line adds its step and its chain's episode return ({@link DqnFeedTally}): every
 * candidate at a height is printed, but only the blocks built on it count its reward.
 */
final class BlockFeed implements NodeChild.Listener, AutoCloseable {
    private final PrintWriter out;
    private final boolean json;
    private final int accounts;
    private final long startNanos;
    private final Set<String> seen = new HashSet<>();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<Integer, ApiClient> apis;
    private final DqnFeedTally episodes = new DqnFeedTally();
    private final Thread printer;
    private volatile boolean running = true;
    private volatile Double firstTaskBlockSeconds;

    private record Pending(NodePlan node, JsonNode event, double seconds) {}

    BlockFeed(DevnetPlan plan, PrintWriter out, boolean json, int accounts, long startNanos) {
        this.out = out;
        this.json = json;
        this.accounts = accounts;
        this.startNanos = startNanos;
        this.apis = new HashMap<>();
        plan.nodes().forEach(n -> apis.put(n.index(), new ApiClient("http://127.0.0.1:" + n.apiPort())));
        this.printer = new Thread(this::printLoop, "devnet-feed");
        this.printer.setDaemon(true);
    }

    /** Starts printing (after the banner). Events that came before are printed first. */
    void startPrinting() {
        printer.start();
    }

    /**
     * Queues, ahead of everything else, the blocks {@code node} connected before it printed its
     * {@code started} event (a node may mine or sync while it starts): its canonical blocks 1 to
     * {@code height}, at most the API's one page of 100. Call before {@link #startPrinting}.
     */
    void backfill(NodePlan node, long height) {
        if (height < 1 || printer.isAlive()) {
            return;
        }
        JsonNode page;
        try {
            page = apis.get(node.index())
                    .get("/api/v1/blocks?limit=" + Math.min(height + 1, 100) + "&before=" + (height + 1));
        } catch (UserException e) {
            return; // the node went away: its own line about it follows
        }
        List<Pending> earlier = new ArrayList<>();
        double now = (System.nanoTime() - startNanos) / 1e9;
        for (JsonNode block : page.path("blocks")) {
            if (block.path("genesis").asBoolean()) {
                continue;
            }
            String hash = block.path("hash").asText();
            synchronized (seen) {
                if (!seen.add(hash)) {
                    continue;
                }
            }
            com.fasterxml.jackson.databind.node.ObjectNode event =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                            .objectNode()
                            .put("event", "block")
                            .put("height", block.path("height").asLong())
                            .put("hash", hash)
                            .put("transactions", block.path("transactionCount").asInt());
            earlier.addFirst(new Pending(node, event, now));
        }
        List<Pending> later = new ArrayList<>();
        queue.drainTo(later);
        queue.addAll(earlier);
        queue.addAll(later);
    }

    @Override
    public void onEvent(NodePlan node, JsonNode event) {
        String kind = event.path("event").asText();
        boolean wanted = switch (kind) {
            case "block" -> {
                synchronized (seen) {
                    yield seen.add(event.path("hash").asText());
                }
            }
            case "reorg" -> true;
            default -> false;
        };
        if (wanted) {
            queue.add(new Pending(node, event, (System.nanoTime() - startNanos) / 1e9));
        }
    }

    private void printLoop() {
        while (running || !queue.isEmpty()) {
            Pending p;
            try {
                p = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (p == null) {
                continue;
            }
            BlockSummary summary = null;
            if ("block".equals(p.event.path("event").asText())) {
                JsonNode block = details(p);
                summary = BlockSummary.of(
                        p.node.index(), p.event, block, round(p, block), episodes.line(block), p.seconds, accounts);
            }
            synchronized (out) {
                if (summary == null) {
                    printReorg(p);
                } else {
                    print(summary);
                }
                out.flush();
            }
        }
    }

    private JsonNode details(Pending p) {
        try {
            return apis.get(p.node.index())
                    .getIfPresent("/api/v1/blocks/" + p.event.path("hash").asText());
        } catch (UserException e) {
            return null; // the node is stopping: print what the event says
        }
    }

    /** The task round a pole block decided, as its node tells it; null for other blocks or when unknown. */
    private JsonNode round(Pending p, JsonNode block) {
        if (block == null
                || !block.path("proof").hasNonNull("taskId")
                || !"pole".equals(block.path("proof").path("type").asText())) {
            return null;
        }
        try {
            JsonNode task = apis.get(p.node.index())
                    .getIfPresent("/api/v1/tasks/"
                            + block.path("proof").path("taskId").asLong());
            String hash = p.event.path("hash").asText();
            for (JsonNode round : task == null ? List.<JsonNode>of() : task.path("rounds")) {
                if (hash.equals(round.path("block").asText())) {
                    return round;
                }
            }
            return null;
        } catch (UserException e) {
            return null;
        }
    }

    private void print(BlockSummary s) {
        boolean first = s.isTaskBlock() && firstTaskBlockSeconds == null;
        if (first) {
            firstTaskBlockSeconds = s.seconds();
        }
        if (json) {
            JsonOption.printJson(out, s.toJson());
            return;
        }
        out.println(s.toLine());
        if (first) {
            out.printf(Locale.ROOT, "  (the first task block came %.1f s after the devnet started)%n", s.seconds());
        }
    }

    private void printReorg(Pending p) {
        JsonNode e = p.event;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "reorg");
            m.put("node", p.node.index());
            m.put("forkHeight", e.path("forkHeight").asLong());
            m.put("disconnected", e.path("disconnected").asInt());
            m.put("connected", e.path("connected").asInt());
            m.put("transactionsReturned", e.path("transactionsReturned").asInt());
            m.put("newTip", e.path("newTip").asText());
            m.put("seconds", Math.round(p.seconds * 10) / 10.0);
            JsonOption.printJson(out, m);
            return;
        }
        out.printf(
                "  node %d reorganised at height %d: %d block(s) left, %d joined, %d transaction(s) back in its mempool%n",
                p.node.index(),
                e.path("forkHeight").asLong(),
                e.path("disconnected").asInt(),
                e.path("connected").asInt(),
                e.path("transactionsReturned").asInt());
    }

    /** Seconds from the devnet command's start to the first task block, once there was one. */
    Double firstTaskBlockSeconds() {
        return firstTaskBlockSeconds;
    }

    /** Prints what is queued, then stops the printer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        if (printer.isAlive()) {
            printer.join(5_000);
        }
    }
}
