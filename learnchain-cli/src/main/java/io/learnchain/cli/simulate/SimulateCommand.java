package io.learnchain.cli.simulate;

import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.sim.Adversary;
import io.learnchain.sim.AdversaryReport;
import io.learnchain.sim.DqnSimConfig;
import io.learnchain.sim.PartitionSpec;
import io.learnchain.sim.SimConfig;
import io.learnchain.sim.SimOutcome;
import io.learnchain.sim.SimReport;
import io.learnchain.sim.Simulation;
import io.learnchain.sim.SyncedNode;
import io.learnchain.sim.TaskPreset;
import io.learnchain.sim.lifelong.LifelongScenario;
import io.learnchain.sim.privatetask.PrivateRoundsConfig;
import io.learnchain.sim.privatetask.PrivateRoundsScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain simulate}: a seeded whole-network proof-of-learning simulation in one process. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run N full nodes (one requester, every node a miner) over an in-memory network with a "
                + "virtual clock; write rounds.csv, accuracy.svg and report.txt to --out. With --engine dqn every node "
                + "mines a dqn chain (--env, --blocks, --window, --fork-option) and blocks.csv, episodes.csv, returns.svg "
                + "and report.txt are written; lists of --nodes and --seed run a sweep (one folder a run, plus runs.csv, "
                + "summary.csv, threshold.svg and report.txt).")
public final class SimulateCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--scenario",
            defaultValue = "rounds",
            paramLabel = "NAME",
            description = "rounds (pole rounds, default), lifelong (paper 001: class-incremental Fashion-MNIST, frozen"
                    + " old weights vs naive fine-tuning; --nodes participants, --rounds epochs per phase) or"
                    + " private (issue 20: a private task's rounds, encrypted training data and per-round"
                    + " functional keys, against the same task in the clear; one data node, miner and"
                    + " verifier in one process, no network; --rounds up to 12, --task's data, batch and"
                    + " learning rate, --steps).")
    String scenario;

    @Option(
            names = "--engine",
            defaultValue = "pole",
            description = "Consensus engine: pole or dqn (default: " + "${DEFAULT-VALUE}).")
    String engine;

    @Option(
            names = "--env",
            defaultValue = "cartpole",
            description = "dqn: environment cartpole, gridworld or inventory (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--blocks", defaultValue = "2000", description = "dqn: blocks to mine (default: ${DEFAULT-VALUE}).")
    long blocks;

    @Option(
            names = "--window",
            defaultValue = "100",
            description = "dqn: episodes in the moving average of returns (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(
            names = "--fork-option",
            defaultValue = "a",
            description =
                    "dqn: fork choice at equal height, a (last reward) or b (reward sum) (default: ${DEFAULT-VALUE}).")
    String forkOption;

    @Option(
            names = "--random-policy",
            description = "dqn control run: every miner acts uniformly at random "
                    + "(epsilon fixed at 1), so fork choice alone picks the chain's actions.")
    boolean randomPolicy;

    @Option(
            names = "--nodes",
            defaultValue = "4",
            split = ",",
            paramLabel = "N",
            description = "Full nodes (default: ${DEFAULT-VALUE}). dqn: a list such as 1,2,4,8 runs a sweep.")
    List<Integer> nodeCounts;

    private int nodes;

    @Option(names = "--rounds", defaultValue = "10", description = "Rounds of the task (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--task",
            defaultValue = "fashion-mnist-mlp",
            description = "Task preset: mlp-small, fashion-mnist-mlp, fashion-mnist-lenet5, mlp-small-private (the"
                    + " training set encrypted, docs/protocol.md 3.9; 1,500 samples) (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(
            names = "--seed",
            defaultValue = "1",
            split = ",",
            paramLabel = "S",
            description = "Seed (default: ${DEFAULT-VALUE}). dqn: a list such as 1,2,3,4,5 runs a sweep.")
    List<Long> seeds;

    private long seed;

    @Option(
            names = "--until-converged",
            description = "dqn: stop a run once the chain's moving average reached the "
                    + "task's threshold (--blocks is then the most to mine).")
    boolean untilConverged;

    @Option(
            names = "--audit",
            description = "pole: time a full "
                    + "replay of every won round of node 0's chain (the resync figure's fullReplay), and a "
                    + "fresh node syncing it with --verify replay (nodeReplay).")
    boolean audit;

    @Option(
            names = "--jobs",
            defaultValue = "1",
            description = "dqn sweep: runs at once (default: ${DEFAULT-VALUE}; " + "never changes a result).")
    int jobs;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description = "pole: training steps per round for every miner (default: the task preset's, 150 for "
                    + "mlp-small, 600 for fashion-mnist-mlp, 300 for fashion-mnist-lenet5; a full epoch of Fashion-MNIST is 938 steps of 64 for fashion-mnist-mlp, 1875 of 32 for "
                    + "fashion-mnist-lenet5).")
    Long steps;

    @Option(
            names = "--adversary",
            paramLabel = "KIND",
            description = "Adversary kinds (repeatable): false-claims, premined, copy-model, stale-model, late-commit, "
                    + "bad-shard, withhold-model, lazy-rekey, premined-rekey, partial-work-0.25, partial-work-0.5, "
                    + "partial-work-0.9, one-jump, instant-commit, sync-copy, forged-keys (a miner each, on the last "
                    + "nodes), silent-requester, bad-keys, selective-keys (node 0, the requester). forged-keys, "
                    + "bad-keys and selective-keys attack a private task's round keys: --task mlp-small-private. "
                    + "See docs/simulation.md. dqn: lookahead (a miner that proposes the best one-step action by "
                    + "shaped reward instead of its learner's; every node refuses its block where the two differ; "
                    + "docs/dqn.md).")
    List<String> adversaries = List.of();

    @Option(
            names = "--latency",
            defaultValue = "50",
            paramLabel = "MS",
            description = "Base latency (default: ${DEFAULT-VALUE}).")
    long latency;

    @Option(
            names = "--partition",
            paramLabel = "SIDES@FROM-TO",
            description =
                    "Run the real peer protocol between the nodes and split the network for a window of virtual time; "
                            + "sync heals it after, e.g. 0-1|2-3@1s-40s.")
    String partition;

    @Option(
            names = "--samples",
            paramLabel = "N",
            description = "private: encrypt and train on the first N training samples (default: all of the task's"
                    + " training set).")
    Integer samples;

    @Option(names = "--threads", defaultValue = "1", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Mixin
    JsonOption json;

    private void runDqn() {
        if (audit) {
            throw new UserException("--audit is a pole option: on a dqn chain every node already replays each block's "
                    + "training record and action from the proposer's public learner (PROTOCOL.md 4.2); drop --audit");
        }
        List<DqnSimConfig> cells;
        try {
            DqnSimConfig first = new DqnSimConfig(
                    env,
                    ForkOption.of(forkOption),
                    nodeCounts.getFirst(),
                    blocks,
                    seeds.getFirst(),
                    window,
                    latency,
                    threads,
                    randomPolicy,
                    untilConverged,
                    lookaheadMiners());
            cells = DqnSweep.cells(first, nodeCounts, seeds);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (cells.size() == 1) {
            DqnSimulateRun.run(
                    cells.getFirst(), out, json.json, spec.commandLine().getOut());
            return;
        }
        if (jobs < 1 || jobs > 64) {
            throw new UserException("--jobs must be in [1, 64], got " + jobs);
        }
        DqnSweep.run(cells, jobs, out, json.json, spec.commandLine().getOut());
    }

    /** dqn takes one adversary kind, lookahead, once per adversary miner. */
    private int lookaheadMiners() {
        for (String a : adversaries) {
            if (!a.equals("lookahead")) {
                throw new IllegalArgumentException("--adversary " + a + " is a pole adversary; with --engine dqn the "
                        + "kind is lookahead (a miner that searches by shaped reward instead of learning)");
            }
        }
        return adversaries.size();
    }

    @Override
    public void run() {
        if (!engine.equals("dqn") && (nodeCounts.size() > 1 || seeds.size() > 1)) {
            throw new UserException(
                    "lists of --nodes or --seed values (a sweep) are for --engine dqn only; give one " + "value each");
        }
        nodes = nodeCounts.getFirst();
        seed = seeds.getFirst();
        if (scenario.equals("lifelong")) {
            runLifelong();
            return;
        }
        if (scenario.equals("private")) {
            runPrivate();
            return;
        }
        if (samples != null) {
            throw new UserException("--samples is an option of --scenario private");
        }
        if (!scenario.equals("rounds")) {
            throw new UserException("--scenario " + scenario + " is unknown; use rounds, lifelong or private");
        }
        if (engine.equals("dqn")) {
            runDqn();
            return;
        }
        if (!engine.equals("pole")) {
            throw new UserException("--engine " + engine + " is not simulated; use --engine pole or dqn");
        }
        SimConfig config;
        try {
            config = new SimConfig(
                    nodes,
                    rounds,
                    steps == null
                            ? TaskPreset.named(task)
                            : TaskPreset.named(task).withSteps(steps),
                    seed,
                    latency,
                    threads,
                    adversaries.stream().map(Adversary::parse).toList(),
                    Optional.ofNullable(partition).map(PartitionSpec::parse));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        long start = System.nanoTime();
        Map<String, Object> result;
        try (ComputePool pool = new ComputePool(threads)) {
            SimOutcome outcome = new Simulation(config, config.task().load()).run(pool);
            long resyncStart = System.nanoTime();
            var replay = outcome.replay(pool);
            double resyncSeconds = (System.nanoTime() - resyncStart) / 1e9;
            boolean reverified = outcome.reverifies(replay);
            Map<String, Object> resync = new LinkedHashMap<>();
            resync.put(
                    "blocks", outcome.nodes().getFirst().chain().head().height().value());
            resync.put("seconds", resyncSeconds);
            resync.put("node", SyncedNode.sync(outcome, VerifyLevel.SEGMENTS, pool));
            if (audit) {
                resync.put("fullReplay", outcome.fullReplay(replay, pool));
                resync.put("nodeReplay", SyncedNode.sync(outcome, VerifyLevel.REPLAY, pool));
            }
            List<SimOutcome.RoundRow> rows = outcome.rows(pool);
            result = SimReport.json(
                    outcome,
                    rows,
                    reverified,
                    AdversaryReport.of(outcome, replay, pool),
                    (System.nanoTime() - start) / 1e9);
            result.put("resync", resync);
            SimReport.write(
                    out,
                    SimReport.csv(rows),
                    SimReport.svg(rows, "best test accuracy, " + task + ", " + nodes + " nodes, seed " + seed),
                    SimReport.text(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulation output to " + out + ": " + e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(o, result);
        } else {
            o.print(SimReport.text(result));
            o.printf(
                    "files: %s, %s, %s%n",
                    out.resolve("rounds.csv"), out.resolve("accuracy.svg"), out.resolve("report.txt"));
            o.flush();
        }
    }

    private void runLifelong() {
        TaskPreset preset;
        try {
            preset = TaskPreset.named(task);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        var data = preset.load();
        Map<String, Object> result;
        try {
            result = LifelongScenario.run(
                    preset.spec(),
                    data.train(),
                    data.test(),
                    data.origin(),
                    nodes,
                    rounds,
                    seed,
                    preset.steps(),
                    preset.batch(),
                    preset.learningRate(),
                    threads,
                    out);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulation output to " + out + ": " + e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(o, result);
        } else {
            o.print(LifelongScenario.text(result));
            o.printf(
                    "files: %s, %s, %s%n",
                    out.resolve("epochs.csv"), out.resolve("loss.svg"), out.resolve("report.txt"));
            o.flush();
        }
    }

    private void runPrivate() {
        var parsed = spec.commandLine().getParseResult();
        for (String option : List.of(
                "--engine",
                "--env",
                "--blocks",
                "--window",
                "--fork-option",
                "--random-policy",
                "--nodes",
                "--until-converged",
                "--audit",
                "--jobs",
                "--adversary",
                "--latency",
                "--partition")) {
            if (parsed.hasMatchedOption(option)) {
                throw new UserException("--scenario private runs one data node, miner and verifier without the"
                        + " network: it takes --rounds, --task, --steps, --samples, --seed, --threads, --out and --json, not "
                        + option);
            }
        }
        Map<String, Object> result;
        try {
            TaskPreset preset = steps == null
                    ? TaskPreset.named(task)
                    : TaskPreset.named(task).withSteps(steps);
            var data = preset.load();
            if (data.train().sampleSize() != 28 * 28) {
                throw new UserException("--scenario private needs 28x28 images (Fashion-MNIST); " + data.origin()
                        + " has samples of " + data.train().sampleSize() + " values");
            }
            PrivateRoundsConfig config = new PrivateRoundsConfig(
                    rounds,
                    seed,
                    samples == null
                            ? data.train().count()
                            : Math.min(samples, data.train().count()),
                    preset.steps(),
                    preset.batch(),
                    preset.learningRate(),
                    ProjectionSpec.defaultsFor(28, 28));
            result = PrivateRoundsScenario.run(config, data.train(), data.test(), threads, out);
            result.put("data", data.origin());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulation output to " + out + ": " + e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(o, result);
        } else {
            try {
                o.print(Files.readString(out.resolve("report.txt")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back " + out.resolve("report.txt"), e);
            }
            o.printf(
                    "files: %s, %s, %s%n",
                    out.resolve("rounds.csv"), out.resolve("accuracy.svg"), out.resolve("report.txt"));
            o.flush();
        }
    }
}
