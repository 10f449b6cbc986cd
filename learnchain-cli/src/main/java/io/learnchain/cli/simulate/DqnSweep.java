package io.learnchain.cli.simulate;

import io.learnchain.cli.common.JsonOption;
import io.learnchain.sim.DqnRun;
import io.learnchain.sim.DqnSimConfig;
import io.learnchain.sim.DqnSweepReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A sweep of dqn simulations: every node count for every seed (the paper-000 measurement: does the
 * chain reach the threshold sooner with more nodes?). Each run is the same pure function as a single
 * {@code simulate --engine dqn} and writes its files to {@code OUT/n<N>-s<S>/}; {@code jobs} runs go at
 * once on their own threads, which changes when they finish, never what they give. The sweep then
 * writes runs.csv, summary.csv, threshold.svg and report.txt to {@code OUT}.
 */
final class DqnSweep {
    private DqnSweep() {}

    /**
     * Every node count for every seed (seed-major, duplicates dropped), each validated: the runs of a
     * sweep that differ from {@code first} only in nodes and seed.
     */
    static List<DqnSimConfig> cells(DqnSimConfig first, List<Integer> nodeCounts, List<Long> seeds) {
        List<DqnSimConfig> configs = new ArrayList<>();
        for (long seed : seeds.stream().distinct().toList()) {
            for (int n : nodeCounts.stream().distinct().toList()) {
                configs.add(first.with(n, seed));
            }
        }
        return configs;
    }

    /** Runs {@code configs} ({@link #cells}), {@code jobs} at once, and writes and prints the sweep. */
    static void run(List<DqnSimConfig> configs, int jobs, Path out, boolean json, PrintWriter o) {
        DqnSimConfig base = configs.getFirst();
        DqnRun.Finished[] done = new DqnRun.Finished[configs.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, configs.size()), r -> {
            Thread t = new Thread(r, "dqn-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Integer> runs = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < configs.size(); i++) {
                int index = i;
                runs.submit(() -> {
                    DqnSimConfig c = configs.get(index);
                    done[index] = DqnRun.execute(c, out.resolve(runFolder(c)));
                    return index;
                });
            }
            for (int k = 0; k < configs.size(); k++) {
                DqnRun.Finished f = done[take(runs)];
                if (json) {
                    JsonOption.printJson(o, f.result());
                } else {
                    o.println(DqnSweepReport.line(f, k + 1, configs.size()));
                    o.flush();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<DqnRun.Finished> finished = List.of(done);
        Map<String, Object> summary = DqnSweepReport.summary(base, finished);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("runs.csv"), DqnSweepReport.runsCsv(finished));
            Files.writeString(out.resolve("summary.csv"), DqnSweepReport.summaryCsv(summary));
            Files.writeString(out.resolve("threshold.svg"), DqnSweepReport.svg(base, finished));
            Files.writeString(out.resolve("report.txt"), DqnSweepReport.text(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep output to " + out + ": " + e.getMessage(), e);
        }
        if (json) {
            JsonOption.printJson(o, summary);
        } else {
            o.print(DqnSweepReport.text(summary));
            o.printf(
                    "files: %s, %s, %s, %s and one folder a run%n",
                    out.resolve("runs.csv"),
                    out.resolve("summary.csv"),
                    out.resolve("threshold.svg"),
                    out.resolve("report.txt"));
            o.flush();
        }
    }

    static String runFolder(DqnSimConfig c) {
        return "n" + c.nodes() + "-s" + c.seed();
    }

    private static int take(CompletionService<Integer> runs) {
        try {
            Future<Integer> next = runs.take();
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a sweep run failed: " + e.getCause(), e.getCause());
        }
    }
}
