package io.learnchain.cli.simulate.lifelong;

import io.learnchain.learn.lifelong.FixedPointLoss;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The files a lifelong simulation leaves: epochs.csv (loss per epoch), loss.svg and report.txt. */
final class LifelongReport {
    private LifelongReport() {
    }

    static String csv(List<LifelongSimulation.EpochRow> rows) {
        StringBuilder sb = new StringBuilder("phase,epoch,height,proposals,loss_micro_nats,loss,winner,naive_loss\n");
        for (var r : rows) {
            sb.append(r.phase()).append(',').append(r.epoch()).append(',').append(r.height()).append(',')
                    .append(r.proposals()).append(',').append(r.loss()).append(',').append(FixedPointLoss.text(r.loss()))
                    .append(',').append(r.winner()).append(',')
                    .append(r.naiveLoss() == null ? "" : FixedPointLoss.text(r.naiveLoss())).append('\n');
        }
        return sb.toString();
    }

    /** Loss per epoch on Dk (and Dk + Dk' after growth): the chain's model and the naive baseline. */
    static String svg(List<LifelongSimulation.EpochRow> rows, String title) {
        int w = 640;
        int h = 400;
        int left = 60;
        int top = 40;
        double plotW = w - left - 20;
        double plotH = h - top - 50;
        double max = 0.1;
        for (var r : rows) {
            max = Math.max(max, r.loss() / 1e6);
            if (r.naiveLoss() != null) {
                max = Math.max(max, r.naiveLoss() / 1e6);
            }
        }
        int n = Math.max(1, rows.size() - 1);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", left,
                title.replace("&", "&amp;").replace("<", "&lt;")));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
                + "stroke=\"black\"/>%n", left, top, plotW, plotH));
        for (int i = 0; i <= 5; i++) {
            double y = top + plotH * (1 - i / 5.0);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n",
                    left - 5, y + 4, max * i / 5));
        }
        StringBuilder chain = new StringBuilder();
        StringBuilder naive = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            var r = rows.get(i);
            double x = left + plotW * i / n;
            chain.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + plotH * (1 - r.loss() / 1e6 / max)));
            if (r.naiveLoss() != null) {
                naive.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + plotH * (1 - r.naiveLoss() / 1e6 / max)));
            }
            if (r.phase().equals("grow")) {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"#999\" stroke-dasharray=\"4\"/><text x=\"%.1f\" y=\"%d\">growth</text>%n", x, top, x,
                        top + plotH, x + 4, top + 14));
            }
        }
        sb.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"").append(chain)
                .append("\"/>\n");
        sb.append("<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" points=\"").append(naive)
                .append("\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">epoch (deploy, old"
                + " classes, growth, new classes)</text>%n", left + plotW / 2, h - 10));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#1f77b4\">on chain, old weights frozen"
                + "</text><text x=\"%d\" y=\"%d\" fill=\"#d62728\">naive fine-tuning</text>%n", left + 10, h - 30,
                left + 260, h - 30));
        return sb.append("</svg>\n").toString();
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
