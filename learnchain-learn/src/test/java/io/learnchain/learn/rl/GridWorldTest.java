package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.rng.SplitMix64;
import org.junit.jupiter.api.Test;

class GridWorldTest {
    private final GridWorld env = new GridWorld();

    private static EnvState cell(int col, int row) {
        return new EnvState(new float[] {col / 4f, row / 4f}, 0);
    }

    /** A seed whose first draw does not slip (nextInt(10) != 0). */
    private static SplitMix64 steady() {
        for (long s = 0; ; s++) {
            if (new SplitMix64(s).nextInt(10) != 0) {
                return new SplitMix64(s);
            }
        }
    }

    @Test
    void reachingGoalEndsEpisodeWithPlusOne() {
        StepResult r = env.step(cell(3, 4), 1, steady());
        assertThat(r.next()).isEqualTo(new EnvState(new float[] {1f, 1f}, 1));
        assertThat(r.terminal()).isTrue();
        assertThat(r.unshapedReward()).isEqualTo(1000);
        assertThat(r.reward()).isEqualTo(1100);
    }

    @Test
    void pitEndsEpisodeWithMinusOne() {
        StepResult r = env.step(cell(2, 1), 2, steady());
        assertThat(r.terminal()).isTrue();
        assertThat(r.unshapedReward()).isEqualTo(-1000);
    }

    @Test
    void moveIntoWallStaysPut() {
        StepResult r = env.step(cell(0, 0), 0, steady());
        assertThat(r.next().value(0)).isZero();
        assertThat(r.next().value(1)).isZero();
        assertThat(r.reward()).isEqualTo(-10);
    }

    @Test
    void shapedRewardRanksMoveTowardsGoalAboveMoveAway() {
        long towards = env.step(cell(1, 1), 1, steady()).reward();
        long away = env.step(cell(1, 1), 3, steady()).reward();
        assertThat(towards).isEqualTo(90);
        assertThat(away).isEqualTo(-110);
    }

    @Test
    void slipsAboutOneStepInTen() {
        int slipped = 0;
        int trials = 5000;
        for (int i = 0; i < trials; i++) {
            EnvState next = env.step(cell(2, 0), 2, SplitMix64.derive(99, i)).next();
            if (!next.equals(new EnvState(new float[] {0.5f, 0.25f}, 1))) {
                slipped++;
            }
        }
        // A slip draws one of four directions, one of them the intended one: 7.5% expected.
        assertThat(slipped / (double) trials).isBetween(0.06, 0.09);
    }

    @Test
    void endsAfterFiftySteps() {
        EnvState s = new EnvState(new float[] {0f, 0f}, GridWorld.EPISODE_LIMIT - 1);
        StepResult r = env.step(s, 0, steady());
        assertThat(r.done()).isTrue();
        assertThat(r.terminal()).isFalse();
    }

    @Test
    void resetNeverStartsOnGoalOrPit() {
        for (long seed = 0; seed < 500; seed++) {
            EnvState s = env.reset(seed);
            assertThat(s).isNotEqualTo(cell(4, 4)).isNotEqualTo(cell(2, 2));
        }
    }

    @Test
    void rejectsCoordinatesOffTheGrid() {
        assertThatThrownBy(() -> env.step(new EnvState(new float[] {0.3f, 0f}, 0), 0, steady()))
                .hasMessageContaining("not one of");
    }
}
