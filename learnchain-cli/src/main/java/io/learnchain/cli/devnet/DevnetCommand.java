package io.learnchain.cli.devnet;

import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.cli.devnet.DevnetPlan.NodePlan;
import io.learnchain.cli.node.TempDirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain devnet}: a local network of real node processes, until Ctrl-C. */
@Command(
        name = "devnet",
        mixinStandardHelpOptions = true,
        description = {
            "Start a local network of N node processes on 127.0.0.1 (separate JVMs, RocksDB each, node i's API on",
            "--base-port + i), fund the public dev accounts, and print one line per block until Ctrl-C stops them all.",
            "  learnchain devnet                          3 nodes, engine pole, the demo task",
            "  learnchain devnet --nodes 5 --engine idle  5 nodes mining hash-work blocks",
            "  learnchain devnet --engine dqn             3 nodes whose blocks are cartpole steps of a DQN (one per slot)"
        })
public final class DevnetCommand implements Callable<Integer> {
    static final List<String> ENGINES = List.of("pole", "idle", "dqn");

    @Option(
            names = "--nodes",
            defaultValue = "3",
            description = "Node processes (1-" + DevnetPlan.MAX_NODES + ", default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(
            names = "--engine",
            defaultValue = "pole",
            description = "Consensus engine: pole, idle or dqn (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(
            names = "--task",
            defaultValue = "fashion-mnist-mlp",
            description = "The demo task (engine pole): "
                    + "fashion-mnist-mlp, fashion-mnist-lenet5, mlp-small or mlp-small-private (its training set"
                    + " encrypted; at most 12 rounds) (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(
            names = "--rounds",
            defaultValue = "20",
            description = "Rounds of the demo task, one test shard each " + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--base-port",
            paramLabel = "P",
            defaultValue = "" + DevnetPlan.DEFAULT_BASE_PORT,
            description = "Node i's API listens on P+i, its peer port on P+" + DevnetPlan.P2P_OFFSET
                    + "+i (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(
            names = "--datadir",
            paramLabel = "DIR",
            description = "Keep the devnet here (node-i/ folders, genesis.toml) "
                    + "and reuse it on the next start (default: a temporary folder deleted on exit).")
    Path datadir;

    @Option(
            names = "--block-time",
            paramLabel = "SECONDS",
            defaultValue = "2",
            description = "Idle-block interval of a new devnet, whole seconds (default: ${DEFAULT-VALUE}).")
    long blockTime;

    @Option(
            names = "--startup-timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "How long a node may take to start (default: ${DEFAULT-VALUE}).")
    long startupTimeout;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long startNanos = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        ChildJvm jvm = ChildJvm.current();
        boolean ephemeral = datadir == null;
        DevnetPlan plan =
                DevnetPlan.of(ephemeral ? Path.of("learnchain-devnet") : datadir.toAbsolutePath(), nodes, basePort);
        PortCheck.requireFree(plan);
        if (ephemeral) {
            plan = DevnetPlan.of(createTempDir(), nodes, basePort);
        }
        Path root = plan.root();
        try {
            boolean fresh = !Files.exists(plan.genesisFile());
            Genesis genesis = DevnetGenesis.writeOrReuse(plan, engine, blockTime);
            BlockFeed feed =
                    new BlockFeed(plan, out, json.json, genesis.premine().size(), startNanos);
            Devnet devnet = Devnet.start(plan, jvm, feed, Duration.ofSeconds(startupTimeout));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> stop(devnet, feed, ephemeral, root, stopped), "learnchain-devnet-shutdown"));
            double upSeconds = (System.nanoTime() - startNanos) / 1e9;
            DevnetBanner.print(
                    out, devnet, genesis, ephemeral, engine.equals("pole") ? task : null, upSeconds, json.json);
            if (engine.equals("pole")) {
                postTask(out, plan, startNanos);
            }
            if (fresh) { // a restarted devnet does not print its stored chain again
                feed.backfill(
                        plan.nodes().getFirst(),
                        devnet.startedEvents().getFirst().path("height").asLong());
            }
            feed.startPrinting();
            return watch(devnet, stopped, out);
        } catch (RuntimeException | InterruptedException e) {
            if (ephemeral) {
                TempDirs.deleteRecursively(root);
            }
            throw e;
        }
    }

    private void checkOptions() {
        if (!ENGINES.contains(engine)) {
            throw new UserException("unknown --engine '" + engine + "': use pole, idle or dqn");
        }
        if (rounds < 1) {
            throw new UserException("--rounds must be at least 1, got " + rounds);
        }
        if (!DevnetTask.NAMES.contains(task)) {
            throw new UserException("unknown --task '" + task + "': use one of " + String.join(", ", DevnetTask.NAMES));
        }
        if (blockTime < 1) {
            throw new UserException("--block-time must be at least 1 second, got " + blockTime);
        }
        if (startupTimeout < 1) {
            throw new UserException("--startup-timeout must be at least 1 second, got " + startupTimeout);
        }
    }

    /** Node 0, the requester, posts the demo task with its own key (unless a restarted devnet has one running). */
    private void postTask(PrintWriter out, DevnetPlan plan, long startNanos) {
        DevnetTask demo = DevnetTask.named(task);
        NodePlan requester = plan.nodes().getFirst();
        // a private task runs fewer rounds than n / k (docs/protocol.md 3.9): 12 for 28x28 images
        int taskRounds = demo.privateData()
                ? Math.min(rounds, ProjectionSpec.defaultsFor(28, 28).maxRounds())
                : rounds;
        com.fasterxml.jackson.databind.JsonNode posted =
                demo.postUnlessRunning("http://127.0.0.1:" + requester.apiPort(), taskRounds);
        synchronized (out) {
            if (json.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("event", "task");
                m.put("task", task);
                m.put("posted", posted);
                m.put("seconds", Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0);
                JsonOption.printJson(out, m);
                return;
            }
            if (posted.has("escrow") && posted.has("tx")) {
                out.printf(
                        Locale.ROOT,
                        "Node 0 (requester, %s) posted the task %s after %.1f s: model %s on %s, %d rounds, "
                                + "%s LC per round (escrow %s LC), tx %s.%nThe miners start training once a block includes it.%n%n",
                        requester.minerKey(),
                        task,
                        (System.nanoTime() - startNanos) / 1e9,
                        posted.path("model").asText(),
                        posted.path("dataOrigin").asText(posted.path("dataset").asText()),
                        posted.path("rounds").asInt(),
                        posted.path("rewardPerRound").path("coins").asText(),
                        posted.path("escrow").path("coins").asText(),
                        shortHex(posted.path("tx").asText()));
            } else {
                out.printf(
                        "Node 0 (requester) goes on with its task %d (%s, %d of %d rounds done).%n%n",
                        posted.path("id").asLong(),
                        posted.path("model").asText(),
                        posted.path("roundsDone").asInt(),
                        posted.path("rounds").asInt());
            }
            out.flush();
        }
    }

    private static String shortHex(String hex) {
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** Reports nodes that exit on their own while the devnet runs; returns when the devnet is stopped. */
    private static int watch(Devnet devnet, CountDownLatch stopped, PrintWriter out) throws InterruptedException {
        Set<Integer> reported = new HashSet<>();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            for (NodePlan node : devnet.exited()) {
                if (reported.add(node.index())) {
                    synchronized (out) {
                        out.println("  node " + node.index() + " exited on its own; the others go on. Its log "
                                + node.logFile() + " ends with:\n" + devnet.logTail(node));
                        out.flush();
                    }
                }
            }
        }
        return 0;
    }

    private static void stop(Devnet devnet, BlockFeed feed, boolean ephemeral, Path root, CountDownLatch stopped) {
        int count = devnet.plan().nodes().size();
        System.err.println("learnchain devnet: stopping " + count + (count == 1 ? " node..." : " nodes..."));
        devnet.close();
        try {
            feed.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ephemeral) {
            TempDirs.deleteRecursively(root);
        }
        System.err.println(
                "learnchain devnet: stopped" + (ephemeral ? " (temporary data deleted)" : "; data kept in " + root));
        stopped.countDown();
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("learnchain-devnet-");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create a temporary folder for the devnet: " + e.getMessage() + ". Pass --datadir DIR", e);
        }
    }
}
