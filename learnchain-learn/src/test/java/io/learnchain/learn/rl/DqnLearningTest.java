package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Short learning runs on CartPole (a few seconds each): after a fixed budget the agent's returns,
 * counted in the unshaped reward, are clearly above a random policy's (about 22, see
 * {@link CartPoleTest#randomPolicyAveragesAboutTwentyTwoSteps}).
 */
class DqnLearningTest {
    private static final Environment ENV = new CartPole();

    private record Run(DqnAgent agent, List<Double> returns) {
        double lastAverage(int n) {
            return returns.subList(returns.size() - n, returns.size()).stream().mapToDouble(d -> d).average().orElseThrow();
        }
    }

    private static Run learn(long seed, long steps, boolean learnUnshaped) {
        DqnAgent agent = DqnAgent.create(DqnHyperparameters.cartPole(), seed, ComputePool.serial());
        List<Double> returns = new ArrayList<>();
        EnvState s = ENV.reset(seed);
        double episode = 0;
        for (long t = 0; t < steps; t++) {
            SplitMix64 block = SplitMix64.derive(seed, t);
            int a = agent.act(s, new SplitMix64(block.nextLong()));
            StepResult r = ENV.step(s, a, new SplitMix64(block.nextLong()));
            float reward = learnUnshaped ? r.unshapedReward() / (float) StepResult.SCALE : r.rewardValue();
            agent.observe(new Transition(s, a, reward, r.next(), r.terminal()));
            agent.train(block.nextLong());
            episode += r.unshapedReward() / (double) StepResult.SCALE;
            if (r.done()) {
                returns.add(episode);
                episode = 0;
                s = ENV.reset(block.nextLong());
            } else {
                s = r.next();
            }
        }
        return new Run(agent, returns);
    }

    @Test
    void learnsToBalanceFromShapedReward() {
        long seed = 2026;
        Run run = learn(seed, 8_000, false);
        double last20 = run.lastAverage(20);
        double greedy = ParallelLearning.evaluate(ENV, run.agent(), 20, seed);
        System.out.printf("shaped reward, seed %d: last 20 episodes %.1f, greedy policy %.1f%n", seed, last20, greedy);
        assertThat(last20).as("seed %d", seed).isGreaterThan(100);
        assertThat(greedy).as("seed %d", seed).isGreaterThan(150);
    }

    @Test
    void learnsToBalanceFromPlainRewardToo() {
        long seed = 7;
        Run run = learn(seed, 12_000, true);
        double greedy = ParallelLearning.evaluate(ENV, run.agent(), 20, seed);
        System.out.printf("plain reward, seed %d: last 20 episodes %.1f, greedy policy %.1f%n", seed, run.lastAverage(20),
                greedy);
        assertThat(run.lastAverage(20)).as("seed %d", seed).isGreaterThan(60);
        assertThat(greedy).as("seed %d", seed).isGreaterThan(60);
    }
}
