package io.learnchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpisodeTallyTest {

    /** Adds an episode of {@code steps} blocks earning one unit each, ending at the next height. */
    private static long episode(EpisodeTally tally, long height, int steps) {
        for (int i = 1; i <= steps; i++) {
            tally.add(++height, 1000, i == steps);
        }
        return height;
    }

    @Test
    void countsReturnsInUnitsAndAveragesOverTheWindow() {
        EpisodeTally tally = new EpisodeTally(true, 2, 3.5);
        long h = episode(tally, 0, 2);
        h = episode(tally, h, 4);
        h = episode(tally, h, 3);
        assertThat(tally.episodes())
                .extracting(EpisodeTally.Episode::episodeReturn)
                .containsExactly(2.0, 4.0, 3.0);
        assertThat(tally.episodes())
                .extracting(EpisodeTally.Episode::movingAverage)
                .containsExactly(2.0, 3.0, 3.5);
        assertThat(tally.episodes()).extracting(EpisodeTally.Episode::endHeight).containsExactly(2L, 6L, 9L);
        assertThat(tally.thresholdHeight()).isEqualTo(9);
        assertThat(tally.windowStart()).isEqualTo(2);
    }

    @Test
    void thresholdNeedsAFullWindow() {
        EpisodeTally tally = new EpisodeTally(true, 3, 5);
        long h = episode(tally, 0, 9);
        h = episode(tally, h, 9);
        assertThat(tally.episodes().getLast().movingAverage()).isEqualTo(9.0);
        assertThat(tally.thresholdHeight()).isEqualTo(-1);
        assertThat(tally.windowStart()).isEqualTo(-1);
        episode(tally, h, 1);
        assertThat(tally.thresholdHeight()).isEqualTo(19);
        assertThat(tally.windowStart()).isZero();
    }

    @Test
    void firstHeightStaysWhenTheAverageFallsAgain() {
        EpisodeTally tally = new EpisodeTally(true, 1, 5);
        long h = episode(tally, 0, 6);
        episode(tally, h, 1);
        assertThat(tally.thresholdHeight()).isEqualTo(6);
        assertThat(tally.episodes().getLast().movingAverage()).isEqualTo(1.0);
    }

    @Test
    void nonEpisodicTaskCountsSegmentsAndHasNoThreshold() {
        EpisodeTally tally = new EpisodeTally(false, 1, Double.NaN);
        for (long h = 1; h <= 2 * EpisodeTally.SEGMENT + 7; h++) {
            tally.add(h, -500, true);
        }
        assertThat(tally.episodes()).hasSize(2);
        assertThat(tally.episodes().getFirst().episodeReturn()).isEqualTo(-50.0);
        assertThat(tally.episodes().get(1).endHeight()).isEqualTo(2L * EpisodeTally.SEGMENT);
        assertThat(tally.thresholdHeight()).isEqualTo(-1);
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new EpisodeTally(true, 0, 1)).hasMessageContaining("at least 1 episode");
    }
}
