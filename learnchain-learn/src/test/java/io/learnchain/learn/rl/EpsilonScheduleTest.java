package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpsilonScheduleTest {

    @Test
    void decaysLinearlyThenStays() {
        EpsilonSchedule e = new EpsilonSchedule(1f, 0.1f, 100);
        assertThat(e.at(0)).isEqualTo(1f);
        assertThat(e.at(50)).isEqualTo(0.55f);
        assertThat(e.at(100)).isEqualTo(0.1f);
        assertThat(e.at(1_000_000)).isEqualTo(0.1f);
        assertThat(new EpsilonSchedule(0.5f, 0.5f, 0).at(0)).isEqualTo(0.5f);
    }

    @Test
    void rejectsRatesOutsideUnitInterval() {
        assertThatThrownBy(() -> new EpsilonSchedule(1.5f, 0f, 1)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new EpsilonSchedule(Float.NaN, 0f, 1)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new EpsilonSchedule(1f, 0f, -1)).hasMessageContaining("decay");
    }
}
