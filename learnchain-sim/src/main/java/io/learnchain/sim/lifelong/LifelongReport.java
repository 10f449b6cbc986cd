package io.learnchain.sim.lifelong;

import io.learnchain.learn.lifelong.FixedPointLoss;
import io.learnchain.sim.chart.LineChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The files a lifelong simulation leaves: epochs.csv (loss per epoch), loss.svg and report.txt. */
final class LifelongReport {
    private LifelongReport() {}

    static String csv(List<LifelongSimulation.EpochRow> rows) {
        StringBuilder sb = new StringBuilder("phase,epoch,height,proposals,loss_micro_nats,loss,winner,naive_loss\n");
        for (var r : rows) {
            sb.append(r.phase())
                    .append(',')
                    .append(r.epoch())
                    .append(',')
                    .append(r.height())
                    .append(',')
                    .append(r.proposals())
                    .append(',')
                    .append(r.loss())
                    .append(',')
                    .append(FixedPointLoss.text(r.loss()))
                    .append(',')
                    .append(r.winner())
                    .append(',')
                    .append(r.naiveLoss() == null ? "" : FixedPointLoss.text(r.naiveLoss()))
                    .append('\n');
        }
        return sb.toString();
    }

    /** Loss per epoch on Dk (and Dk + Dk' after growth): the chain's model and the naive baseline. */
    static String svg(List<LifelongSimulation.EpochRow> rows, String title) {
        double max = 0.1;
        for (var r : rows) {
            max = Math.max(max, r.loss() / 1e6);
            if (r.naiveLoss() != null) {
                max = Math.max(max, r.naiveLoss() / 1e6);
            }
        }
        LineChart chart = new LineChart(640, 400, 0, title, Math.max(1, rows.size() - 1), 0, 1.05 * max)
                .xLabel("epoch (deploy, old classes, growth, new classes)");
        List<double[]> chain = new ArrayList<>();
        List<double[]> naive = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            var r = rows.get(i);
            chain.add(new double[] {i, r.loss() / 1e6});
            if (r.naiveLoss() != null) {
                naive.add(new double[] {i, r.naiveLoss() / 1e6});
            }
            if (r.phase().equals("grow")) {
                chart.marker(i, "growth");
            }
        }
        return chart.line(chain, "#1f77b4", 2, null)
                .line(naive, "#d62728", 2, null)
                .legend("#1f77b4", "on chain, old weights frozen")
                .legend("#d62728", "naive fine-tuning")
                .render();
    }

    static String text(Map<String, Object> json) {
        StringBuilder sb = new StringBuilder("lifelong simulation (paper 001, PROTOCOL.md 5)\n");
        json.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-38s %s%n", k, v)));
        return sb.toString();
    }

    static void write(Path dir, String csv, String svg, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("epochs.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("loss.svg"), svg, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.txt"), text, StandardCharsets.UTF_8);
    }
}
