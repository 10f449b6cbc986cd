package io.learnchain.cli.simulate;

import io.learnchain.cli.common.JsonOption;
import io.learnchain.learn.compute.ComputePool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The {@code --engine dqn} branch of {@code learnchain simulate}: runs, writes the files, prints. */
final class DqnSimulateRun {
    private DqnSimulateRun() {}

    /** What one run leaves for a caller: its JSON result and its episodes. */
    record Finished(DqnSimConfig config, Map<String, Object> result, List<EpisodeTally.Episode> episodes) {}

    /** Runs {@code config} and writes its files to {@code out}. */
    static Finished execute(DqnSimConfig config, Path out) {
        long start = System.nanoTime();
        try (ComputePool pool = new ComputePool(config.threads())) {
            DqnSimOutcome outcome = new DqnSimulation(config).run(pool);
            Map<String, Object> result = DqnSimReport.json(outcome, (System.nanoTime() - start) / 1e9);
            DqnSimReport.write(
                    out,
                    outcome,
                    result,
                    "dqn " + config.environment() + ", " + config.nodes() + (config.nodes() == 1 ? " node" : " nodes")
                            + ", option " + config.forkOption().letter() + ", seed " + config.seed());
            return new Finished(config, result, outcome.episodes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulation output to " + out + ": " + e.getMessage(), e);
        }
    }

    static void run(DqnSimConfig config, Path out, boolean json, PrintWriter o) {
        Map<String, Object> result = execute(config, out).result();
        if (json) {
            JsonOption.printJson(o, result);
        } else {
            o.print(DqnSimReport.text(result));
            o.printf(
                    "files: %s, %s, %s, %s%n",
                    out.resolve("blocks.csv"),
                    out.resolve("episodes.csv"),
                    out.resolve("returns.svg"),
                    out.resolve("report.txt"));
            o.flush();
        }
    }
}
