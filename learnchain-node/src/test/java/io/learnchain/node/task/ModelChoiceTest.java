package io.learnchain.node.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which round a download gives: the best on the test set where known, else the latest, and why. */
class ModelChoiceTest {
    private static TaskViews.Round won(int round, Double testAccuracy) {
        return new TaskViews.Round(
                round,
                10L + round,
                "b" + round,
                "p" + round,
                "pole",
                "miner",
                "m" + round,
                "r",
                0,
                50,
                40L,
                40L,
                0.8,
                1,
                List.of(),
                null,
                testAccuracy,
                testAccuracy == null ? null : 1000);
    }

    private static TaskViews.Round forfeit(int round) {
        return new TaskViews.Round(
                round,
                10L + round,
                "f" + round,
                "p",
                "forfeit",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null);
    }

    @Test
    void bestOnTheTestSetNotTheLatest() {
        TaskViews.Delivery d =
                ModelChoice.byDefault(List.of(won(1, 0.81), won(2, 0.84), won(3, 0.79), forfeit(4)), true);
        assertThat(d.round()).isEqualTo(2);
        assertThat(d.rule()).isEqualTo("best-test-accuracy");
        assertThat(d.reason()).contains("84.00%", "1000 test samples", "3 round winners");
    }

    @Test
    void tiesGoToTheLaterRoundAndUnscoredRoundsAreNamed() {
        TaskViews.Delivery d = ModelChoice.byDefault(List.of(won(1, 0.8), won(2, 0.8), won(3, null)), true);
        assertThat(d.round()).isEqualTo(2);
        assertThat(d.reason()).contains("1 more being scored");
    }

    @Test
    void withoutTheTestSetTheLatestWinnerAndWhy() {
        TaskViews.Delivery d = ModelChoice.byDefault(List.of(won(1, null), won(2, null), forfeit(3)), false);
        assertThat(d.round()).isEqualTo(2);
        assertThat(d.rule()).isEqualTo("latest");
        assertThat(d.reason()).contains("does not hold the task's whole test set");
        assertThat(ModelChoice.byDefault(List.of(forfeit(1)), true).round()).isNull();
    }

    @Test
    void aRequestedRoundMustHaveAWinner() {
        List<TaskViews.Round> rounds = List.of(won(1, 0.8), forfeit(2));
        assertThat(ModelChoice.requested(rounds, 1).rule()).isEqualTo("requested");
        assertThatThrownBy(() -> ModelChoice.requested(rounds, 2))
                .isInstanceOf(TaskRequestException.class)
                .hasMessageContaining("the rounds won are [1]");
    }
}
