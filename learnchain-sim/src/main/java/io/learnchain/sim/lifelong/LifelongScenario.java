package io.learnchain.sim.lifelong;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code learnchain simulate --scenario lifelong}: runs {@link LifelongSimulation} and writes its
 * files. Options reused from simulate: --nodes (participants), --rounds (epochs per phase), --task
 * (model, data, steps and learning rate of the preset), --seed, --threads.
 */
public final class LifelongScenario {
    private LifelongScenario() {}

    /** Runs it; returns the --json object (also written to report.txt) after writing epochs.csv and loss.svg. */
    public static Map<String, Object> run(
            ModelSpec base,
            Dataset train,
            Dataset test,
            String origin,
            int participants,
            int epochs,
            long seed,
            long steps,
            int batch,
            float learningRate,
            int threads,
            Path out)
            throws IOException {
        LifelongConfig config = new LifelongConfig(
                base, participants, epochs, seed, steps, batch, learningRate, 5, 10, 32, 8, 4, 2, 2_000_000L);
        long start = System.nanoTime();
        List<LifelongSimulation.EpochRow> rows = new ArrayList<>();
        Map<String, Object> result;
        try (ComputePool pool = new ComputePool(threads)) {
            result = new LifelongSimulation(config, train, test, origin).run(pool, rows);
        }
        result.put("seed", seed);
        result.put("wallSeconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
        LifelongReport.write(
                out,
                LifelongReport.csv(rows),
                LifelongReport.svg(
                        rows, "loss on the picked test parts, " + participants + " participants, seed " + seed),
                LifelongReport.text(result));
        return result;
    }

    /** The human-readable report of a result. */
    public static String text(Map<String, Object> result) {
        return LifelongReport.text(result);
    }
}
