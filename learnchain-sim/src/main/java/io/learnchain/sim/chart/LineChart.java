package io.learnchain.sim.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A small line chart written as SVG text, for the figures the simulations leave next to their CSV
 * files: a framed plot, axes with ticks at 1, 2 or 5 times a power of ten, lines, dots, dashed levels
 * and markers, and a legend (inside the plot, or in a column on the right). No dependencies; the same
 * data give the same bytes.
 */
public final class LineChart {
    private static final int LEFT = 60;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final int RIGHT = 20;

    private final int width;
    private final int height;
    private final int legendWidth;
    private final String title;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final StringBuilder body = new StringBuilder();
    private final List<String> legend = new ArrayList<>();
    private String xLabel = "";
    private DoubleFunction<String> yFormat = LineChart::label;

    /**
     * @param legendWidth pixels of a legend column right of the plot; 0 puts the legend inside it
     * @param xMax the right end of the x axis (which starts at 0)
     */
    public LineChart(int width, int height, int legendWidth, String title, double xMax, double yMin, double yMax) {
        this.width = width;
        this.height = height;
        this.legendWidth = legendWidth;
        this.title = title;
        this.xMax = xMax > 0 ? xMax : 1;
        this.yMin = yMin;
        this.yMax = yMax > yMin ? yMax : yMin + 1;
    }

    public LineChart xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    public LineChart yFormat(DoubleFunction<String> format) {
        this.yFormat = format;
        return this;
    }

    private double plotW() {
        return width - LEFT - RIGHT - legendWidth;
    }

    private double plotH() {
        return height - TOP - BOTTOM;
    }

    private double px(double x) {
        return LEFT + plotW() * x / xMax;
    }

    private double py(double y) {
        return TOP + plotH() * (1 - (y - yMin) / (yMax - yMin));
    }

    /** A polyline through {@code points} ({x, y} pairs); {@code tooltip} may be null. */
    public LineChart line(List<double[]> points, String colour, double strokeWidth, String tooltip) {
        StringBuilder p = new StringBuilder();
        for (double[] xy : points) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(xy[0]), py(xy[1])));
        }
        body.append(String.format(
                Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" " + "points=\"%s\">",
                colour,
                strokeWidth,
                p.toString().strip()));
        if (tooltip != null) {
            body.append("<title>").append(escape(tooltip)).append("</title>");
        }
        body.append("</polyline>\n");
        return this;
    }

    public LineChart dot(double x, double y, double radius, String colour) {
        body.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n",
                px(x),
                py(y),
                radius,
                colour));
        return this;
    }

    /** A dashed horizontal line at {@code y} (a threshold). */
    public LineChart level(double y, String colour) {
        body.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" " + "stroke-dasharray=\"4 3\"/>%n",
                LEFT,
                py(y),
                LEFT + plotW(),
                py(y),
                colour));
        return this;
    }

    /** A dashed vertical line at {@code x} with a label (an event such as growth). */
    public LineChart marker(double x, String label) {
        body.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                        + "stroke-dasharray=\"4\"/><text x=\"%.1f\" y=\"%d\">%s</text>%n",
                px(x),
                TOP,
                px(x),
                TOP + plotH(),
                px(x) + 4,
                TOP + 14,
                escape(label)));
        return this;
    }

    /** A legend entry: a swatch of {@code colour} (none when null) and its text. */
    public LineChart legend(String colour, String text) {
        legend.add(colour == null ? "" : colour);
        legend.add(text);
        return this;
    }

    public String render() {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                        + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width,
                height));
        sb.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        double yStep = niceStep((yMax - yMin) / 5);
        for (double v = Math.ceil(yMin / yStep) * yStep; v <= yMax + 1e-9; v += yStep) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT,
                    py(v),
                    LEFT + plotW(),
                    py(v),
                    LEFT - 5,
                    py(v) + 4,
                    escape(yFormat.apply(v))));
        }
        double xStep = niceStep(xMax / 5);
        for (double v = 0; v <= xMax + 1e-9; v += xStep) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px(v),
                    height - BOTTOM + 18,
                    label(v)));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW() / 2,
                height - 12,
                escape(xLabel)));
        sb.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" " + "stroke=\"black\"/>%n",
                LEFT,
                TOP,
                plotW(),
                plotH()));
        sb.append(body);
        double lx = legendWidth > 0 ? LEFT + plotW() + 10 : LEFT + 10;
        for (int i = 0; i < legend.size(); i += 2) {
            double y = TOP + 14 + 18 * (i / 2);
            String colour = legend.get(i);
            if (!colour.isEmpty()) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" " + "stroke-width=\"3\"/>",
                        lx,
                        y - 4,
                        lx + 20,
                        y - 4,
                        colour));
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.0f\" y=\"%.0f\">%s</text>%n",
                    colour.isEmpty() ? lx : lx + 26,
                    y,
                    escape(legend.get(i + 1))));
        }
        return sb.append("</svg>\n").toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}: axis ticks people can read. */
    public static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double power = StrictMath.pow(10, StrictMath.floor(StrictMath.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * power >= raw * (1 - 1e-12)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** A tick label: whole numbers without decimals. */
    public static String label(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < 1e-9
                ? String.format(Locale.ROOT, "%.0f", r + 0.0)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
