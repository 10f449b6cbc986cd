package io.learnchain.sim;

import io.learnchain.sim.chart.LineChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of a dqn sweep: one line a finished run, the summary by node count, its CSVs and plot. */
public final class DqnSweepReport {
    private static final String[] COLOURS = {"#c33", "#e80", "#393", "#236", "#839", "#088", "#555", "#b60"};

    private DqnSweepReport() {}

    /** The progress line of a finished run. */
    public static String line(DqnRun.Finished f, int finished, int total) {
        Map<String, Object> r = f.result();
        Object h = r.get("thresholdHeight");
        Object greedy = r.get("learnerGreedyMean");
        return String.format(
                Locale.ROOT,
                "[%d/%d] nodes %d seed %d: %s; %s blocks, last %d episodes %.1f, " + "learners alone %s, %.0f s",
                finished,
                total,
                f.config().nodes(),
                f.config().seed(),
                h == null ? "threshold not reached" : "threshold reached at height " + h,
                r.get("blocks"),
                f.config().window(),
                (Double) r.get("lastWindowAverage"),
                greedy == null ? "-" : String.format(Locale.ROOT, "%.1f", (Double) greedy),
                (Double) r.get("wallSeconds"));
    }

    public static Map<String, Object> summary(DqnSimConfig base, List<DqnRun.Finished> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", "dqn");
        m.put("sweep", true);
        m.put("env", base.environment());
        m.put("forkOption", base.forkOption().letter());
        m.put("randomPolicy", base.randomPolicy());
        m.put("untilConverged", base.untilConverged());
        m.put("maxBlocks", base.blocks());
        m.put("window", base.window());
        m.put("threshold", Double.isNaN(base.threshold()) ? null : base.threshold());
        List<Integer> nodes =
                runs.stream().map(f -> f.config().nodes()).distinct().toList();
        m.put("nodes", nodes);
        m.put("seeds", runs.stream().map(f -> f.config().seed()).distinct().toList());
        List<Map<String, Object>> byNodes = new ArrayList<>();
        for (int n : nodes) {
            byNodes.add(byNodes(
                    n, runs.stream().filter(f -> f.config().nodes() == n).toList()));
        }
        m.put("byNodes", byNodes);
        m.put("runs", runs.stream().map(DqnSweepReport::brief).toList());
        return m;
    }

    private static Map<String, Object> byNodes(int n, List<DqnRun.Finished> runs) {
        List<Long> heights =
                runs.stream().map(f -> (Long) f.result().get("thresholdHeight")).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", n);
        m.put("runs", runs.size());
        m.put("converged", heights.stream().filter(h -> h != null).count());
        m.put("thresholdHeights", heights);
        m.put("medianThresholdHeight", median(heights));
        m.put(
                "medianThresholdWindowStart",
                median(runs.stream()
                        .map(f -> (Long) f.result().get("thresholdWindowStart"))
                        .toList()));
        m.put("meanLastWindowAverage", mean(runs, "lastWindowAverage"));
        m.put("meanLearnerGreedy", mean(runs, "learnerGreedyMean"));
        m.put("meanWallSeconds", mean(runs, "wallSeconds"));
        return m;
    }

    /** The median with runs that never reached the threshold counted as later than any; null when it is one of them. */
    static Double median(List<Long> heights) {
        List<Double> sorted = heights.stream()
                .map(h -> h == null ? Double.POSITIVE_INFINITY : h.doubleValue())
                .sorted()
                .toList();
        int k = sorted.size();
        double mid = k % 2 == 1 ? sorted.get(k / 2) : (sorted.get(k / 2 - 1) + sorted.get(k / 2)) / 2;
        return Double.isInfinite(mid) ? null : mid;
    }

    private static Double mean(List<DqnRun.Finished> runs, String key) {
        double avg = runs.stream()
                .mapToDouble(f -> number(f.result().get(key)))
                .filter(v -> !Double.isNaN(v))
                .average()
                .orElse(Double.NaN);
        return Double.isNaN(avg) ? null : Math.round(avg * 1000) / 1000.0;
    }

    private static double number(Object v) {
        return v instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    private static Map<String, Object> brief(DqnRun.Finished f) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of(
                "nodes",
                "seed",
                "converged",
                "thresholdHeight",
                "thresholdWindowStart",
                "blocks",
                "episodes",
                "lastWindowAverage",
                "learnerGreedyMean",
                "wallSeconds",
                "tipHash")) {
            m.put(k, f.result().get(k));
        }
        return m;
    }

    public static String runsCsv(List<DqnRun.Finished> runs) {
        StringBuilder sb = new StringBuilder("nodes,seed,converged,threshold_height,threshold_window_start,blocks,"
                + "episodes,"
                + "last_window_average,learner_greedy_mean,wall_seconds,tip_hash\n");
        for (DqnRun.Finished f : runs) {
            Map<String, Object> b = brief(f);
            sb.append(String.join(
                            ",",
                            b.values().stream()
                                    .map(v -> v == null ? "" : v.toString())
                                    .toList()))
                    .append('\n');
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    public static String summaryCsv(Map<String, Object> summary) {
        StringBuilder sb = new StringBuilder("nodes,runs,converged,median_threshold_height,median_window_start,"
                + "threshold_heights,"
                + "mean_last_window_average,mean_learner_greedy,mean_wall_seconds\n");
        for (Map<String, Object> n : (List<Map<String, Object>>) summary.get("byNodes")) {
            List<Long> heights = (List<Long>) n.get("thresholdHeights");
            sb.append(n.get("nodes"))
                    .append(',')
                    .append(n.get("runs"))
                    .append(',')
                    .append(n.get("converged"))
                    .append(',')
                    .append(blank(n.get("medianThresholdHeight")))
                    .append(',')
                    .append(blank(n.get("medianThresholdWindowStart")))
                    .append(',')
                    .append(String.join(
                            " ",
                            heights.stream()
                                    .map(h -> h == null ? "-" : h.toString())
                                    .toList()))
                    .append(',')
                    .append(blank(n.get("meanLastWindowAverage")))
                    .append(',')
                    .append(blank(n.get("meanLearnerGreedy")))
                    .append(',')
                    .append(blank(n.get("meanWallSeconds")))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String whole(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", (Double) v);
    }

    private static String blank(Object v) {
        return v == null ? "" : v.toString();
    }

    @SuppressWarnings("unchecked")
    public static String text(Map<String, Object> summary) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "dqn sweep: %s, option %s, window %s episodes, threshold %s, at most %s blocks%s%n",
                summary.get("env"),
                summary.get("forkOption"),
                summary.get("window"),
                summary.get("threshold"),
                summary.get("maxBlocks"),
                Boolean.TRUE.equals(summary.get("randomPolicy")) ? ", random policy" : ""));
        sb.append("nodes  converged  median height  median window start  heights per seed (- = not reached)  "
                + "last-window mean  learners alone\n");
        for (Map<String, Object> n : (List<Map<String, Object>>) summary.get("byNodes")) {
            List<Long> heights = (List<Long>) n.get("thresholdHeights");
            sb.append(String.format(
                    Locale.ROOT,
                    "%5s  %4s of %-3s  %13s  %19s  %-34s  %16s  %14s%n",
                    n.get("nodes"),
                    n.get("converged"),
                    n.get("runs"),
                    whole(n.get("medianThresholdHeight")),
                    whole(n.get("medianThresholdWindowStart")),
                    String.join(
                            " ",
                            heights.stream()
                                    .map(h -> h == null ? "-" : h.toString())
                                    .toList()),
                    blank(n.get("meanLastWindowAverage")),
                    blank(n.get("meanLearnerGreedy"))));
        }
        return sb.toString();
    }

    /** The moving average of every run against height, one colour a node count, with the threshold. */
    public static String svg(DqnSimConfig base, List<DqnRun.Finished> runs) {
        double maxX = runs.stream()
                .flatMap(f -> f.episodes().stream())
                .mapToLong(EpisodeTally.Episode::endHeight)
                .max()
                .orElse(1);
        double maxY = runs.stream()
                .flatMap(f -> f.episodes().stream())
                .mapToDouble(EpisodeTally.Episode::movingAverage)
                .max()
                .orElse(1);
        double minY = Math.min(
                0,
                runs.stream()
                        .flatMap(f -> f.episodes().stream())
                        .mapToDouble(EpisodeTally.Episode::movingAverage)
                        .min()
                        .orElse(0));
        if (!Double.isNaN(base.threshold())) {
            maxY = Math.max(maxY, base.threshold());
        }
        LineChart chart = new LineChart(
                        760,
                        440,
                        130,
                        String.format(
                                Locale.ROOT,
                                "dqn %s, option %s: moving average " + "of the chain's episode returns (%d episodes)",
                                base.environment(),
                                base.forkOption().letter(),
                                base.window()),
                        maxX,
                        minY,
                        maxY + 0.05 * (maxY - minY))
                .xLabel("block height");
        List<Integer> nodes =
                runs.stream().map(f -> f.config().nodes()).distinct().toList();
        for (DqnRun.Finished f : runs) {
            chart.line(
                    f.episodes().stream()
                            .map(e -> new double[] {e.endHeight(), e.movingAverage()})
                            .toList(),
                    colour(nodes, f.config().nodes()),
                    1.5,
                    f.config().nodes() + " nodes, seed " + f.config().seed());
        }
        if (!Double.isNaN(base.threshold())) {
            chart.level(base.threshold(), "#000");
        }
        nodes.forEach(n -> chart.legend(colour(nodes, n), n + (n == 1 ? " node" : " nodes")));
        return chart.legend(null, "dashed: threshold").render();
    }

    private static String colour(List<Integer> nodes, int n) {
        return COLOURS[nodes.indexOf(n) % COLOURS.length];
    }
}
