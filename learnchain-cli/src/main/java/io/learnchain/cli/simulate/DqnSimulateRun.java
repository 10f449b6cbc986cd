package io.learnchain.cli.simulate;

import io.learnchain.cli.JsonOption;
import io.learnchain.learn.compute.ComputePool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The {@code --engine dqn} branch of {@code learnchain simulate}: runs, writes the files, prints. */
final class DqnSimulateRun {
    private DqnSimulateRun() {
    }

    static void run(DqnSimConfig config, Path out, boolean json, PrintWriter o) {
        long start = System.nanoTime();
        Map<String, Object> result;
        try (ComputePool pool = new ComputePool(config.threads())) {
            DqnSimOutcome outcome = new DqnSimulation(config).run(pool);
            result = DqnSimReport.json(outcome, (System.nanoTime() - start) / 1e9);
            DqnSimReport.write(out, outcome, result, "dqn " + config.environment() + ", " + config.nodes()
                    + " nodes, option " + config.forkOption().letter() + ", seed " + config.seed());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulation output to " + out + ": " + e.getMessage(), e);
        }
        if (json) {
            JsonOption.printJson(o, result);
        } else {
            o.print(DqnSimReport.text(result));
            o.printf("files: %s, %s, %s, %s%n", out.resolve("blocks.csv"), out.resolve("episodes.csv"),
                    out.resolve("returns.svg"), out.resolve("report.txt"));
            o.flush();
        }
    }
}
