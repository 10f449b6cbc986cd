package io.learnchain.cli.simulate;

import io.learnchain.cli.JsonOption;
import io.learnchain.cli.UserException;
import io.learnchain.learn.compute.ComputePool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain simulate}: a seeded whole-network proof-of-learning simulation in one process. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run N full nodes (one requester, every node a miner) over an in-memory network with a "
                + "virtual clock; write rounds.csv, accuracy.svg and report.txt to --out.")
public final class SimulateCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--engine", defaultValue = "pole", description = "Consensus engine (only pole).")
    String engine;

    @Option(names = "--nodes", defaultValue = "4", description = "Full nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--rounds", defaultValue = "10", description = "Rounds of the task (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--task", defaultValue = "fashion-mnist-mlp",
            description = "Task preset: mlp-small, fashion-mnist-mlp, fashion-mnist-lenet5 (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--adversary", paramLabel = "KIND", description = "false-claims, premined, silent-requester (repeatable).")
    List<String> adversaries = List.of();

    @Option(names = "--latency", defaultValue = "50", paramLabel = "MS", description = "Base latency (default: ${DEFAULT-VALUE}).")
    long latency;

    @Option(names = "--partition", paramLabel = "SIDES@FROM-TO",
            description = "Split the network for a window of virtual time, then heal it by sync, e.g. 0-1|2-3@60s-180s.")
    String partition;

    @Option(names = "--threads", defaultValue = "1", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Mixin
    JsonOption json;

    @Override
    public void run() {
        if (!engine.equals("pole")) {
            throw new UserException("--engine " + engine + " is not simulated; use --engine pole");
        }
        SimConfig config;
        try {
            config = new SimConfig(nodes, rounds, TaskPreset.named(task), seed, latency, threads,
                    adversaries.stream().map(Adversary::parse).toList(),
                    java.util.Optional.ofNullable(partition).map(PartitionSpec::parse));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        long start = System.nanoTime();
        Map<String, Object> result;
        try (ComputePool pool = new ComputePool(threads)) {
            SimOutcome outcome = new Simulation(config, config.task().load()).run(pool);
            boolean reverified = outcome.reverifies(pool);
            List<SimOutcome.RoundRow> rows = outcome.rows(pool);
            result = SimReport.json(outcome, rows, reverified, (System.nanoTime() - start) / 1e9);
            SimReport.write(out, SimReport.csv(rows), SimReport.svg(rows, "best test accuracy, " + task + ", "
                    + nodes + " nodes, seed " + seed), SimReport.text(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulation output to " + out + ": " + e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.printJson(o, result);
        } else {
            o.print(SimReport.text(result));
            o.printf("files: %s, %s, %s%n", out.resolve("rounds.csv"), out.resolve("accuracy.svg"),
                    out.resolve("report.txt"));
            o.flush();
        }
    }
}
