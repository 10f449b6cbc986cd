package io.learnchain.sim;

import io.learnchain.sim.chart.LineChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The files a simulation leaves in its output folder: rounds.csv, accuracy.svg, report.txt. */
public final class SimReport {
    private SimReport() {}

    public static String csv(List<SimOutcome.RoundRow> rows) {
        StringBuilder sb = new StringBuilder("height,kind,task,winner,claimed_score,verified_score,shard_size,"
                + "test_accuracy,candidates,evaluations,verification_seconds,training_cpu_seconds,idle_cpu_seconds\n");
        for (SimOutcome.RoundRow r : rows) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%d,%s,%d,%d,%d,%s,%d,%d,%.4f,%.4f,%.4f%n",
                    r.height(),
                    r.kind(),
                    r.taskId(),
                    r.winner(),
                    r.claimedScore(),
                    r.verifiedScore(),
                    r.shardSize(),
                    Double.isNaN(r.testAccuracy()) ? "" : String.format(Locale.ROOT, "%.4f", r.testAccuracy()),
                    r.candidates(),
                    r.evaluations(),
                    r.verifySeconds(),
                    r.trainingCpuSeconds(),
                    r.idleCpuSeconds()));
        }
        return sb.toString();
    }

    /** Best test accuracy so far against height (the analogue of paper 002's Fig. 3), hand-drawn SVG. */
    public static String svg(List<SimOutcome.RoundRow> rows, String title) {
        long maxHeight = Math.max(1, rows.isEmpty() ? 1 : rows.getLast().height());
        LineChart chart = new LineChart(640, 400, 0, title, maxHeight, 0, 1)
                .xLabel("block height")
                .yFormat(v -> Math.round(v * 100) + "%");
        List<double[]> best = new ArrayList<>();
        double bestSoFar = Double.NaN; // no line before the first winning model: there is no accuracy to show
        for (SimOutcome.RoundRow r : rows) {
            if (!Double.isNaN(r.testAccuracy())) {
                bestSoFar = Double.isNaN(bestSoFar) ? r.testAccuracy() : Math.max(bestSoFar, r.testAccuracy());
                chart.dot(r.height(), r.testAccuracy(), 3, "#c33");
            }
            if (!Double.isNaN(bestSoFar)) {
                best.add(new double[] {r.height(), bestSoFar});
            }
        }
        return chart.line(best, "#236", 2, null)
                .legend(null, "line: best test accuracy so far; dots: each winning model")
                .render();
    }

    /** The --json object: converged, tipHash, rounds, energyRecycled, rejections and context. */
    public static Map<String, Object> json(
            SimOutcome o,
            List<SimOutcome.RoundRow> rows,
            boolean reverified,
            List<Map<String, Object>> adversaries,
            double wallSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("converged", o.converged());
        m.put("tipHash", o.tipHash().toHex());
        m.put("height", o.nodes().getFirst().chain().head().height().value());
        m.put("reverified", reverified);
        m.put(
                "rounds",
                rows.stream()
                        .filter(r -> r.kind().equals("pole"))
                        .map(r -> {
                            Map<String, Object> x = new LinkedHashMap<>();
                            x.put("height", r.height());
                            x.put("winner", r.winner());
                            x.put("claimedScore", r.claimedScore());
                            x.put("verifiedScore", r.verifiedScore());
                            x.put("shardSize", r.shardSize());
                            x.put("accuracy", r.testAccuracy());
                            x.put("candidates", r.candidates());
                            x.put("evaluations", r.evaluations());
                            return x;
                        })
                        .toList());
        m.put("forfeits", rows.stream().filter(r -> r.kind().equals("forfeit")).count());
        m.put("energyRecycled", o.energyRecycled());
        m.put("trainingShare", o.trainingShare());
        m.put("verificationShare", o.verificationShare());
        SimOutcome.Compute c = o.compute();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("winnerTraining", c.winnerTraining());
        cpu.put("otherTraining", c.otherTraining());
        cpu.put("verification", c.verification());
        cpu.put("audits", c.audits());
        cpu.put("sealing", c.sealing());
        m.put("cpuSeconds", cpu);
        m.put("rejections", o.rejections());
        m.put("nodes", o.config().nodes());
        m.put("task", o.config().task().name());
        m.put("stepsPerRound", o.config().task().steps());
        m.put("data", o.data().origin());
        m.put("seed", o.config().seed());
        m.put("adversaries", adversaries);
        if (!adversaries.isEmpty()) {
            m.put("honestMinerMeanCoins", AdversaryReport.honestMinerMeanCoins(o));
        }
        m.put(
                "chainSeconds",
                o.nodes().getFirst().chain().head().tip().timestamp()
                        - o.genesis().timestamp());
        m.put("events", o.eventsRun());
        m.put("messages", o.messages());
        m.put("wallSeconds", wallSeconds);
        return m;
    }

    public static String text(Map<String, Object> json) {
        StringBuilder sb = new StringBuilder("learnchain simulation report\n\n");
        json.forEach((k, v) -> {
            if (!k.equals("rounds") && !k.equals("adversaries")) {
                sb.append(String.format("%-15s %s%n", k, v));
            }
        });
        List<?> adversaries = (List<?>) json.get("adversaries");
        if (!adversaries.isEmpty()) {
            sb.append("\nadversaries (what each did, how node 0 judged its candidates, what it cost it):\n");
            for (Object a : adversaries) {
                sb.append("  ").append(a).append('\n');
            }
        }
        sb.append("\nrounds (see rounds.csv for every block):\n");
        for (Object r : (List<?>) json.get("rounds")) {
            sb.append("  ").append(r).append('\n');
        }
        return sb.toString();
    }

    public static void write(Path dir, String csv, String svg, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("rounds.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("accuracy.svg"), svg, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.txt"), text, StandardCharsets.UTF_8);
    }
}
