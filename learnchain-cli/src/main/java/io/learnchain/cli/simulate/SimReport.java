package io.learnchain.cli.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The files a simulation leaves in its output folder: rounds.csv, accuracy.svg, report.txt. */
final class SimReport {
    private SimReport() {
    }

    static String csv(List<SimOutcome.RoundRow> rows) {
        StringBuilder sb = new StringBuilder("height,kind,task,winner,claimed_score,verified_score,shard_size,"
                + "test_accuracy,candidates,evaluations,verification_seconds,training_cpu_seconds,idle_cpu_seconds\n");
        for (SimOutcome.RoundRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%d,%d,%d,%s,%d,%d,%.4f,%.4f,%.4f%n", r.height(), r.kind(),
                    r.taskId(), r.winner(), r.claimedScore(), r.verifiedScore(), r.shardSize(),
                    Double.isNaN(r.testAccuracy()) ? "" : String.format(Locale.ROOT, "%.4f", r.testAccuracy()),
                    r.candidates(), r.evaluations(), r.verifySeconds(), r.trainingCpuSeconds(), r.idleCpuSeconds()));
        }
        return sb.toString();
    }

    /** Best test accuracy so far against height (the analogue of paper 002's Fig. 3), hand-drawn SVG. */
    static String svg(List<SimOutcome.RoundRow> rows, String title) {
        int w = 640;
        int h = 400;
        int left = 60;
        int bottom = 50;
        int top = 40;
        int right = 20;
        long maxHeight = Math.max(1, rows.isEmpty() ? 1 : rows.getLast().height());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", left,
                escape(title)));
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
                + "stroke=\"black\"/>%n", left, top, plotW, plotH));
        for (int i = 0; i <= 10; i++) {
            double y = top + plotH * (1 - i / 10.0);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>%n", left, y, left + plotW, y, left - 5,
                    y + 4, i * 10));
        }
        for (long x = 0; x <= maxHeight; x += Math.max(1, maxHeight / 10)) {
            double px = left + plotW * x / maxHeight;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", px,
                    h - bottom + 18, x));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">block height</text>%n",
                left + plotW / 2, h - 10));
        StringBuilder points = new StringBuilder();
        double best = Double.NaN; // no line before the first winning model: there is no accuracy to show
        for (SimOutcome.RoundRow r : rows) {
            if (!Double.isNaN(r.testAccuracy())) {
                best = Double.isNaN(best) ? r.testAccuracy() : Math.max(best, r.testAccuracy());
            }
            if (Double.isNaN(best)) {
                continue;
            }
            double px = left + plotW * r.height() / maxHeight;
            double py = top + plotH * (1 - best);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            if (!Double.isNaN(r.testAccuracy())) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#c33\"/>%n", px,
                        top + plotH * (1 - r.testAccuracy())));
            }
        }
        sb.append(String.format("<polyline fill=\"none\" stroke=\"#236\" stroke-width=\"2\" points=\"%s\"/>%n",
                points.toString().strip()));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">line: best test accuracy so far; dots: each "
                + "winning model</text>%n", left + 10, top + 16));
        return sb.append("</svg>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The --json object: converged, tipHash, rounds, energyRecycled, rejections and context. */
    static Map<String, Object> json(SimOutcome o, List<SimOutcome.RoundRow> rows, boolean reverified,
            List<Map<String, Object>> adversaries, double wallSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("converged", o.converged());
        m.put("tipHash", o.tipHash().toHex());
        m.put("height", o.nodes().getFirst().chain().head().height().value());
        m.put("reverified", reverified);
        m.put("rounds", rows.stream().filter(r -> r.kind().equals("pole")).map(r -> {
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
        }).toList());
        m.put("forfeits", rows.stream().filter(r -> r.kind().equals("forfeit")).count());
        m.put("energyRecycled", o.energyRecycled());
        m.put("rejections", o.rejections());
        m.put("nodes", o.config().nodes());
        m.put("task", o.config().task().name());
        m.put("data", o.data().origin());
        m.put("seed", o.config().seed());
        m.put("adversaries", adversaries);
        if (!adversaries.isEmpty()) {
            m.put("honestMinerMeanCoins", AdversaryReport.honestMinerMeanCoins(o));
        }
        m.put("chainSeconds", o.nodes().getFirst().chain().head().tip().timestamp() - o.genesis().timestamp());
        m.put("events", o.eventsRun());
        m.put("messages", o.messages());
        m.put("wallSeconds", wallSeconds);
        return m;
    }

    static String text(Map<String, Object> json) {
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

    static void write(Path dir, String csv, String svg, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("rounds.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("accuracy.svg"), svg, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.txt"), text, StandardCharsets.UTF_8);
    }
}
