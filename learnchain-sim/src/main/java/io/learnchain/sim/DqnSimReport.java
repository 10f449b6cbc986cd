package io.learnchain.sim;

import io.learnchain.sim.chart.LineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The files a dqn simulation leaves in its output folder: blocks.csv, episodes.csv, returns.svg, report.txt. */
public final class DqnSimReport {
    private DqnSimReport() {}

    static String blocksCsv(DqnSimOutcome o) {
        StringBuilder sb = new StringBuilder("height,miner,action,reward_milli,unshaped_reward_milli,done\n");
        for (DqnSimOutcome.Step s : o.steps()) {
            sb.append(s.height())
                    .append(',')
                    .append(s.miner())
                    .append(',')
                    .append(s.action())
                    .append(',')
                    .append(s.reward())
                    .append(',')
                    .append(s.unshapedReward())
                    .append(',')
                    .append(s.done() ? 1 : 0)
                    .append('\n');
        }
        return sb.toString();
    }

    static String episodesCsv(DqnSimOutcome o) {
        StringBuilder sb = new StringBuilder("episode,end_height,return,moving_average\n");
        for (EpisodeTally.Episode e : o.episodes()) {
            sb.append(String.format(
                    Locale.ROOT, "%d,%d,%.3f,%.3f%n", e.index(), e.endHeight(), e.episodeReturn(), e.movingAverage()));
        }
        return sb.toString();
    }

    static Map<String, Object> json(DqnSimOutcome o, double wallSeconds) {
        DqnSimConfig c = o.config();
        long threshold = o.thresholdHeight();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "dqn");
        m.put("env", c.environment());
        m.put("forkOption", c.forkOption().letter());
        m.put("randomPolicy", c.randomPolicy());
        m.put("untilConverged", c.untilConverged());
        m.put("nodes", c.nodes());
        m.put("blocks", o.chain().size());
        m.put("seed", c.seed());
        m.put("window", c.window());
        m.put("threshold", Double.isNaN(c.threshold()) ? null : c.threshold());
        m.put("converged", threshold >= 0);
        m.put("thresholdHeight", threshold >= 0 ? threshold : null);
        m.put("thresholdWindowStart", threshold >= 0 ? o.thresholdWindowStart() : null);
        m.put("tipHash", o.tipHash().toHex());
        m.put("chainId", o.genesis().chainId().toHex());
        m.put("episodes", o.episodes().size());
        m.put("lastWindowAverage", round(o.lastAverage(c.window())));
        m.put("proposals", o.proposals());
        m.put("messages", o.messages());
        m.put("virtualSeconds", o.virtualMillis() / 1000.0);
        m.put("wallSeconds", round(wallSeconds));
        m.put("wins", o.wins());
        if (c.lookaheadMiners() > 0) {
            m.put("lookaheadMiners", c.lookaheadMiners());
            m.put("lookaheadWinShare", round(o.lookaheadWinShare()));
        }
        m.put(
                "learnerGreedyReturns",
                o.greedyReturns().stream().map(DqnSimReport::round).toList());
        double greedyMean = o.greedyReturns().stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
        m.put("learnerGreedyMean", Double.isNaN(greedyMean) ? null : round(greedyMean)); // null: no episodes
        m.put("adversary", adversary(o));
        m.put(
                "episodeReturns",
                o.episodes().stream().map(e -> round(e.episodeReturn())).toList());
        return m;
    }

    /** What became of the lookahead adversaries' blocks (null without adversaries). */
    private static Map<String, Object> adversary(DqnSimOutcome o) {
        if (o.config().lookaheadMiners() == 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("miners", o.config().lookaheadMiners());
        m.put("proposed", o.adversaryBlocks());
        m.put("refused", o.refusedAdversaryBlocks());
        m.put("firstRefusal", o.firstRefusal().orElse(null));
        return m;
    }

    public static String text(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        r.forEach((k, v) -> {
            if (!k.equals("episodeReturns")) {
                sb.append(k).append(": ").append(v).append('\n');
            }
        });
        return sb.toString();
    }

    /** Episode returns (dots) and their moving average (line) against height, with the threshold, hand-drawn SVG. */
    static String svg(DqnSimOutcome o, String title) {
        List<EpisodeTally.Episode> eps = o.episodes();
        double maxY = eps.stream()
                .mapToDouble(EpisodeTally.Episode::episodeReturn)
                .max()
                .orElse(1);
        double minY = Math.min(
                0,
                eps.stream()
                        .mapToDouble(EpisodeTally.Episode::episodeReturn)
                        .min()
                        .orElse(0));
        if (!Double.isNaN(o.config().threshold())) {
            maxY = Math.max(maxY, o.config().threshold());
        }
        LineChart chart = new LineChart(
                        720, 420, 0, title, Math.max(1, o.chain().size()), minY, maxY + 0.05 * (maxY - minY))
                .xLabel("block height");
        for (EpisodeTally.Episode e : eps) {
            chart.dot(e.endHeight(), e.episodeReturn(), 1.5, "#c33");
        }
        chart.line(
                eps.stream()
                        .map(e -> new double[] {e.endHeight(), e.movingAverage()})
                        .toList(),
                "#236",
                2,
                null);
        if (!Double.isNaN(o.config().threshold())) {
            chart.level(o.config().threshold(), "#393");
        }
        return chart.legend(
                        null,
                        "dots: episode returns (unshaped); line: moving average over "
                                + o.config().window() + " episodes; dashed: threshold")
                .render();
    }

    static void write(Path dir, DqnSimOutcome o, Map<String, Object> result, String title) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("blocks.csv"), blocksCsv(o));
        Files.writeString(dir.resolve("episodes.csv"), episodesCsv(o));
        Files.writeString(dir.resolve("returns.svg"), svg(o, title));
        Files.writeString(dir.resolve("report.txt"), text(result));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
