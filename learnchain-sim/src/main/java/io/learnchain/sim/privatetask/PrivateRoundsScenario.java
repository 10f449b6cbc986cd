package io.learnchain.sim.privatetask;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.sim.chart.LineChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code learnchain simulate --scenario private}: runs {@link PrivateRoundsSimulation} and writes
 * rounds.csv (accuracy and times per round), accuracy.svg and report.txt.
 */
public final class PrivateRoundsScenario {
    private PrivateRoundsScenario() {}

    /** Runs it with {@code threads} compute threads; returns the summary (also in report.txt). */
    public static Map<String, Object> run(
            PrivateRoundsConfig config, Dataset train, Dataset test, int threads, Path out) throws IOException {
        List<PrivateRoundsSimulation.RoundRow> rows = new ArrayList<>();
        Map<String, Object> result;
        try (ComputePool pool = new ComputePool(threads)) {
            result = new PrivateRoundsSimulation(config, train, test).run(pool, rows);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("rounds.csv"), csv(rows), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("accuracy.svg"), svg(rows, config), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("report.txt"), text(result, rows), StandardCharsets.UTF_8);
        return result;
    }

    static String csv(List<PrivateRoundsSimulation.RoundRow> rows) {
        StringBuilder sb = new StringBuilder("round,parent,keys_accepted,clear_correct,private_correct,test_count,"
                + "verified,key_seconds,key_check_seconds,decrypt_seconds,private_train_seconds,clear_train_seconds\n");
        for (var r : rows) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%b,%d,%d,%d,%b,%.4f,%.4f,%.3f,%.3f,%.3f%n",
                    r.round(),
                    r.parent().shortHex(),
                    r.keysAccepted(),
                    r.clearCorrect(),
                    r.privateCorrect(),
                    r.testCount(),
                    r.verified(),
                    r.keySeconds(),
                    r.keyCheckSeconds(),
                    r.decryptSeconds(),
                    r.privateTrainSeconds(),
                    r.clearTrainSeconds()));
        }
        return sb.toString();
    }

    static String svg(List<PrivateRoundsSimulation.RoundRow> rows, PrivateRoundsConfig config) {
        LineChart chart = new LineChart(
                        640,
                        400,
                        0,
                        "test accuracy per round, private (k = "
                                + config.projection().width() + ") vs clear, seed " + config.seed(),
                        Math.max(1, rows.size()),
                        0,
                        1)
                .xLabel("round");
        List<double[]> clear = new ArrayList<>();
        List<double[]> hidden = new ArrayList<>();
        for (var r : rows) {
            clear.add(new double[] {r.round(), r.clearCorrect() / (double) r.testCount()});
            hidden.add(new double[] {r.round(), r.privateCorrect() / (double) r.testCount()});
        }
        return chart.line(clear, "#1f77b4", 2, null)
                .line(hidden, "#d62728", 2, null)
                .legend("#1f77b4", "same task in the clear (784 pixels)")
                .legend("#d62728", "private task (decrypted projections)")
                .render();
    }

    /** The human-readable report. */
    public static String text(Map<String, Object> result, List<PrivateRoundsSimulation.RoundRow> rows) {
        StringBuilder sb = new StringBuilder(
                "private-task simulation (issue 20, docs/protocol.md 3.9): one data node, one miner, one verifier\n");
        result.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-28s %s%n", k, v)));
        sb.append("  round  clear  private  extra s (keys + check + decrypt)  verified\n");
        for (var r : rows) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %5d  %5d  %7d  %8.2f (%.3f + %.3f + %.2f)  %b%n",
                    r.round(),
                    r.clearCorrect(),
                    r.privateCorrect(),
                    r.extraSeconds(),
                    r.keySeconds(),
                    r.keyCheckSeconds(),
                    r.decryptSeconds(),
                    r.verified()));
        }
        return sb.toString();
    }
}
