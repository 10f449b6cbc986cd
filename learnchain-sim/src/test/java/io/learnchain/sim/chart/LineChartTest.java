package io.learnchain.sim.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LineChartTest {

    @Test
    void axisStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(LineChart.niceStep(4405)).isEqualTo(5000.0);
        assertThat(LineChart.niceStep(42)).isEqualTo(50.0);
        assertThat(LineChart.niceStep(1000)).isEqualTo(1000.0);
        assertThat(LineChart.niceStep(0.2)).isEqualTo(0.2, Offset.offset(1e-12));
        assertThat(LineChart.niceStep(0.13)).isEqualTo(0.2, Offset.offset(1e-12));
        assertThat(LineChart.niceStep(6)).isEqualTo(10.0);
        assertThat(LineChart.niceStep(0)).isEqualTo(1.0);
    }

    @Test
    void labelsWholeNumbersWithoutDecimals() {
        assertThat(LineChart.label(20000)).isEqualTo("20000");
        assertThat(LineChart.label(-0.0)).isEqualTo("0");
        assertThat(LineChart.label(0.4)).isEqualTo("0.40");
    }

    @Test
    void drawsPointsInsideTheFrameWithTicksAndEscapedText() {
        String svg = new LineChart(400, 300, 0, "a < b & c", 100, 0, 1)
                .xLabel("height")
                .yFormat(v -> Math.round(v * 100) + "%")
                .line(List.of(new double[] {0, 0}, new double[] {100, 1}), "#236", 2, "run <1>")
                .dot(50, 0.5, 2, "#c33")
                .level(0.9, "#393")
                .legend("#236", "accuracy")
                .render();
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg)
                .contains(
                        "a &lt; b &amp; c",
                        "<title>run &lt;1&gt;</title>",
                        ">100%<",
                        ">20%<",
                        ">0<",
                        ">100<",
                        ">height<",
                        ">accuracy<");
        // plot area: x from 60 to 380 (400 - 60 - 20), y from 40 (top) to 250 (300 - 50)
        assertThat(svg).contains("points=\"60.0,250.0 380.0,40.0\"", "cx=\"220.0\" cy=\"145.0\"");
    }

    @Test
    void sameDataSameBytes() {
        LineChart a = new LineChart(300, 200, 50, "t", 10, -1, 1).legend(null, "note");
        LineChart b = new LineChart(300, 200, 50, "t", 10, -1, 1).legend(null, "note");
        assertThat(a.render()).isEqualTo(b.render());
    }
}
