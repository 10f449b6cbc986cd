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
            return returns.subList(returns.size() - n, returns.size()).stream()
                    .mapToDouble(d -> d)
                    .average()
                    .orElseThrow();
        }
    }

    private static Run learn(long seed, long steps, boolean learnUnshaped) {
        return learn(ENV, DqnHyperparameters.cartPole(), seed, steps, learnUnshaped);
    }

    private static Run learn(Environment env, DqnHyperparameters hp, long seed, long steps, boolean learnUnshaped) {
        DqnAgent agent = DqnAgent.create(hp, seed, ComputePool.serial());
        List<Double> returns = new ArrayList<>();
        EnvState s = env.reset(seed);
        double episode = 0;
        for (long t = 0; t < steps; t++) {
            SplitMix64 block = SplitMix64.derive(seed, t);
            int a = agent.act(s, new SplitMix64(block.nextLong()));
            StepResult r = env.step(s, a, new SplitMix64(block.nextLong()));
            float reward = learnUnshaped ? r.unshapedReward() / (float) StepResult.SCALE : r.rewardValue();
            agent.observe(new Transition(s, a, reward, r.next(), r.terminal()));
            agent.train(block.nextLong());
            episode += r.unshapedReward() / (double) StepResult.SCALE;
            if (r.done()) {
                returns.add(episode);
                episode = 0;
                s = env.reset(block.nextLong());
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
        System.out.printf(
                "plain reward, seed %d: last 20 episodes %.1f, greedy policy %.1f%n",
                seed, run.lastAverage(20), greedy);
        assertThat(run.lastAverage(20)).as("seed %d", seed).isGreaterThan(60);
        assertThat(greedy).as("seed %d", seed).isGreaterThan(60);
    }

    @Test
    void learnsGridWorldPathAroundThePit() {
        Environment grid = new GridWorld();
        DqnHyperparameters hp = DqnHyperparameters.forEnvironment(grid)
                .withEpsilon(new EpsilonSchedule(1f, 0.05f, 1_500))
                .withGamma(0.9f);
        long seed = 31;
        Run run = learn(grid, hp, seed, 6_000, false);
        double greedy = ParallelLearning.evaluate(grid, run.agent(), 50, seed);
        double random = randomGridReturn(50, seed);
        System.out.printf("grid world, seed %d: greedy policy %.3f, random policy %.3f%n", seed, greedy, random);
        assertThat(greedy).as("seed %d", seed).isGreaterThan(0.8).isGreaterThan(random + 0.8);
    }

    private static double randomGridReturn(int episodes, long seed) {
        Environment grid = new GridWorld();
        SplitMix64 rng = new SplitMix64(seed);
        double total = 0;
        for (int e = 0; e < episodes; e++) {
            EnvState s = grid.reset(rng.nextLong());
            boolean done = false;
            while (!done) {
                StepResult r = grid.step(s, rng.nextInt(4), new SplitMix64(rng.nextLong()));
                total += r.unshapedReward() / (double) StepResult.SCALE;
                done = r.done();
                s = r.next();
            }
        }
        return total / episodes;
    }
}
