package io.learnchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DqnSweepReportTest {

    @Test
    void medianCountsRunsThatNeverConvergedAsLaterThanAny() {
        assertThat(DqnSweepReport.median(Arrays.asList(300L, 100L, 200L))).isEqualTo(200.0);
        assertThat(DqnSweepReport.median(Arrays.asList(100L, 200L, 300L, 400L))).isEqualTo(250.0);
        assertThat(DqnSweepReport.median(Arrays.asList(100L, null, 300L))).isEqualTo(300.0);
        assertThat(DqnSweepReport.median(Arrays.asList(100L, null, null))).isNull();
        assertThat(DqnSweepReport.median(Arrays.asList(100L, null))).isNull();
    }
}
