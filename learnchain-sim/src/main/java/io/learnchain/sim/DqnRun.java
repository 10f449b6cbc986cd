package io.learnchain.sim;

import io.learnchain.learn.compute.ComputePool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One dqn simulation run: runs it and writes its files (blocks.csv, episodes.csv, returns.svg, report.txt). */
public final class DqnRun {
    private DqnRun() {}

    /** What one run leaves for a caller: its JSON result and its episodes. */
    public record Finished(DqnSimConfig config, Map<String, Object> result, List<EpisodeTally.Episode> episodes) {}

    /** Runs {@code config} and writes its files to {@code out}. */
    public static Finished execute(DqnSimConfig config, Path out) {
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
}
