package io.learnchain.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The short learning check of issue 7: on a two-node CartPole chain the chain's episode returns
 * rise clearly above a random policy's (about 22 steps, CartPoleTest). With two proposers per
 * block most of the early gain comes from fork choice picking the better of two actions by shaped
 * reward (docs/dqn.md); the learners are still exploring (epsilon > 0.6) at this height.
 */
class DqnLearningTest {
    static final double RANDOM_POLICY_RETURN = 22;

    @Test
    void chainReturnRisesClearlyAboveRandomPolicy() {
        DqnSimOutcome o = DqnSimulationTest.run("cartpole", 2, 1_500, 1, 1);
        double first = o.episodes().subList(0, 5).stream()
                .mapToDouble(EpisodeTally.Episode::episodeReturn)
                .average()
                .orElseThrow();
        double last = o.lastAverage(5);
        System.out.printf(
                "2 nodes, 1500 blocks: first 5 episodes %.1f, last 5 %.1f, %d episodes, greedy %s%n",
                first, last, o.episodes().size(), o.greedyReturns());
        assertThat(last).isGreaterThan(3 * RANDOM_POLICY_RETURN);
    }
}
