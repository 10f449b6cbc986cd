package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.rng.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CartPoleTest {
    private final CartPole env = new CartPole();
    private final SplitMix64 unused = new SplitMix64(0);

    @Test
    void resetDrawsEachValueWithinFiveHundredths() {
        for (long seed = 0; seed < 200; seed++) {
            EnvState s = env.reset(seed);
            assertThat(s.tick()).isZero();
            for (float v : s.observation()) {
                assertThat(v).isBetween(-0.05f, 0.05f);
            }
        }
        assertThat(env.reset(7)).isEqualTo(env.reset(7)).isNotEqualTo(env.reset(8));
    }

    @Test
    void pushingRightAcceleratesCartRightAndPoleLeft() {
        EnvState s = new EnvState(new float[] {0f, 0f, 0f, 0f}, 0);
        StepResult right = env.step(s, 1, unused);
        StepResult left = env.step(s, 0, unused);
        assertThat(right.next().value(1)).isPositive();
        assertThat(right.next().value(3)).isNegative();
        assertThat(left.next().value(1)).isEqualTo(-right.next().value(1));
        // Euler: the positions move with the old velocities, here zero.
        assertThat(right.next().value(0)).isZero();
        assertThat(right.next().value(2)).isZero();
    }

    @Test
    void matchesClassicPhysicsComputedInDouble() {
        EnvState s = new EnvState(new float[] {0.01f, -0.2f, 0.05f, 0.3f}, 3);
        StepResult r = env.step(s, 1, unused);
        double th = 0.05f;
        double thd = 0.3f;
        double temp = (10.0 + 0.05 * thd * thd * Math.sin(th)) / 1.1;
        double thacc = (9.8 * Math.sin(th) - Math.cos(th) * temp)
                / (0.5 * (4.0 / 3.0 - 0.1 * Math.cos(th) * Math.cos(th) / 1.1));
        double xacc = temp - 0.05 * thacc * Math.cos(th) / 1.1;
        assertThat((double) r.next().value(0)).isCloseTo(0.01 + 0.02 * -0.2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((double) r.next().value(1)).isCloseTo(-0.2 + 0.02 * xacc, org.assertj.core.data.Offset.offset(1e-5));
        assertThat((double) r.next().value(2)).isCloseTo(0.05 + 0.02 * 0.3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((double) r.next().value(3)).isCloseTo(0.3 + 0.02 * thacc, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(r.next().tick()).isEqualTo(4);
        assertThat(r.unshapedReward()).isEqualTo(StepResult.SCALE);
    }

    @Test
    void endsTerminallyWhenPoleFallsPastTwelveDegrees() {
        EnvState s = new EnvState(new float[] {0f, 0f, 0.2f, 1f}, 10);
        StepResult r = env.step(s, 1, unused);
        assertThat(r.terminal()).isTrue();
        assertThat(r.done()).isTrue();
        assertThat(r.reward()).isEqualTo(-StepResult.SCALE);
        assertThat(r.unshapedReward()).isEqualTo(StepResult.SCALE);
    }

    @Test
    void cutsEpisodeAtLimitWithoutTerminalState() {
        EnvState s = new EnvState(new float[] {0f, 0f, 0f, 0f}, CartPole.EPISODE_LIMIT - 1);
        StepResult r = env.step(s, 1, unused);
        assertThat(r.done()).isTrue();
        assertThat(r.terminal()).isFalse();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shapedRewardRanksBalancingActionFirst(long seed) {
        // Choosing, at every step, the action of higher shaped reward balances the pole for the whole
        // episode: the shaping ranks a good action above a bad one (what fork choice needs).
        EnvState s = env.reset(seed);
        int steps = 0;
        boolean done = false;
        while (!done) {
            StepResult a = env.step(s, 0, unused);
            StepResult b = env.step(s, 1, unused);
            StepResult best = b.reward() > a.reward() ? b : a;
            steps++;
            done = best.done();
            s = best.next();
        }
        assertThat(steps).as("seed %d", seed).isEqualTo(CartPole.EPISODE_LIMIT);
    }

    @Test
    void randomPolicyAveragesAboutTwentyTwoSteps() {
        SplitMix64 rng = new SplitMix64(42);
        long total = 0;
        int episodes = 500;
        for (int e = 0; e < episodes; e++) {
            EnvState s = env.reset(rng.nextLong());
            boolean done = false;
            while (!done) {
                StepResult r = env.step(s, rng.nextInt(2), unused);
                total += r.unshapedReward();
                done = r.done();
                s = r.next();
            }
        }
        double average = total / (double) StepResult.SCALE / episodes;
        assertThat(average).isBetween(18.0, 26.0);
    }

    @Test
    void rejectsUnknownActionAndWrongStateSize() {
        assertThatThrownBy(() -> env.step(env.reset(1), 2, unused)).hasMessageContaining("actions 0..1");
        assertThatThrownBy(() -> env.step(new EnvState(new float[3], 0), 0, unused))
                .hasMessageContaining("4 values");
    }
}
