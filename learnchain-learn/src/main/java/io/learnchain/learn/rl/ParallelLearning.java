package io.learnchain.learn.rl;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The paper's "replacing time with space", emulated without a network: N learners (their own seeds,
 * networks and replay buffers) share one chain of environment states. At every step (block) each
 * learner proposes an action epsilon-greedily from the shared state; the environment steps every
 * proposal with the same block randomness; the proposal with the highest shaped reward wins (fork
 * choice option a; ties go to the lowest learner index); every learner stores the winning transition
 * and trains on its own sampled batches. N = 1 is plain DQN.
 *
 * <p>Seeds: block t uses {@code derive(seed, t)} for the environment step and the reset seed (as the
 * chain uses the previous block hash); learner i is initialised from {@code derive(seed ^ LEARNERS, i)}
 * and draws its exploration and batch seeds from streams of that seed. Pure: the same config gives
 * the same result, bit for bit.
 */
public final class ParallelLearning {
    private static final long LEARNERS = 0x6C6561726E657273L;

    /**
     * @param steps blocks to run
     * @param window episodes in the moving average of the chain's unshaped returns
     * @param threshold the moving average to reach
     * @param evaluateEvery steps between greedy evaluations of learner 0 alone (0: never)
     * @param evaluationEpisodes episodes per evaluation
     * @param learnUnshaped learners store the unshaped reward instead of the shaped one (fork choice
     *     still ranks by the shaped reward, the chain's R_{t+1}): separates learning from fork choice
     * @param shareProposals learners also store the losing proposals of the block (each distinct action
     *     once, in action order, after the winner): N paths of experience per block instead of one
     */
    public record Config(
            Environment env,
            DqnHyperparameters hp,
            int learners,
            long steps,
            long seed,
            int window,
            double threshold,
            long evaluateEvery,
            int evaluationEpisodes,
            boolean learnUnshaped,
            boolean shareProposals) {
        public Config {
            Objects.requireNonNull(env, "env");
            hp.checkFits(env);
            if (learners < 1 || learners > 1024 || steps < 1 || window < 1 || evaluateEvery < 0) {
                throw new IllegalArgumentException(
                        "need 1..1024 learners, steps >= 1, window >= 1, evaluateEvery >= 0");
            }
            if (!env.episodic()) {
                throw new IllegalArgumentException(env.name() + " has no episodes to average returns over");
            }
        }
    }

    /**
     * @param reachedAt first step at which the moving average of the chain's returns reached the
     *     threshold, -1 if never
     * @param greedyReachedAt first evaluation step at which learner 0's own greedy policy averaged the
     *     threshold, -1 if never
     * @param returns the chain's unshaped episode returns in order
     */
    public record Result(int learners, long seed, long reachedAt, long greedyReachedAt, List<Double> returns) {
        public Result {
            returns = List.copyOf(returns);
        }

        /** Average of the last {@code n} returns (all of them when fewer). */
        public double lastAverage(int n) {
            int from = StrictMath.max(0, returns.size() - n);
            double s = 0;
            for (int i = from; i < returns.size(); i++) {
                s += returns.get(i);
            }
            return returns.size() == from ? 0 : s / (returns.size() - from);
        }
    }

    private ParallelLearning() {}

    public static Result run(Config c, ComputePool pool) {
        List<DqnAgent> agents = new ArrayList<>();
        long[] agentSeeds = new long[c.learners()];
        for (int i = 0; i < c.learners(); i++) {
            agentSeeds[i] = SplitMix64.derive(c.seed() ^ LEARNERS, i).nextLong();
            agents.add(DqnAgent.create(c.hp(), agentSeeds[i], pool));
        }
        Environment env = c.env();
        EnvState state = env.reset(SplitMix64.derive(c.seed(), -1).nextLong());
        ReturnWindow window = new ReturnWindow(c.window(), c.threshold());
        long greedyReachedAt = -1;
        StepResult[] proposals = new StepResult[c.learners()];
        int[] actions = new int[c.learners()];
        for (long t = 0; t < c.steps(); t++) {
            SplitMix64 block = SplitMix64.derive(c.seed(), t);
            long stepSeed = block.nextLong();
            long resetSeed = block.nextLong();
            int win = 0;
            for (int i = 0; i < agents.size(); i++) {
                actions[i] = agents.get(i).act(state, SplitMix64.derive(agentSeeds[i], 2 * t));
                proposals[i] = env.step(state, actions[i], new SplitMix64(stepSeed));
                if (proposals[i].reward() > proposals[win].reward()) {
                    win = i;
                }
            }
            List<Transition> losers = c.shareProposals() ? losers(c, state, actions, proposals, win) : List.of();
            Transition chosen = transition(c, state, actions[win], proposals[win]);
            for (int i = 0; i < agents.size(); i++) {
                agents.get(i).observe(chosen);
                losers.forEach(agents.get(i)::store);
                agents.get(i).train(SplitMix64.derive(agentSeeds[i], 2 * t + 1).nextLong());
            }
            window.add(proposals[win], t + 1);
            state = proposals[win].done() ? env.reset(resetSeed) : proposals[win].next();
            if (greedyReachedAt < 0
                    && c.evaluateEvery() > 0
                    && (t + 1) % c.evaluateEvery() == 0
                    && evaluate(env, agents.get(0), c.evaluationEpisodes(), c.seed() + t) >= c.threshold()) {
                greedyReachedAt = t + 1;
            }
        }
        return new Result(c.learners(), c.seed(), window.reachedAt, greedyReachedAt, window.returns);
    }

    /** The chain's episode returns and the first step at which their moving average reached the threshold. */
    private static final class ReturnWindow {
        final int size;
        final double threshold;
        final List<Double> returns = new ArrayList<>();
        double episode;
        double sum;
        long reachedAt = -1;

        ReturnWindow(int size, double threshold) {
            this.size = size;
            this.threshold = threshold;
        }

        void add(StepResult r, long step) {
            episode += r.unshapedReward() / (double) StepResult.SCALE;
            if (!r.done()) {
                return;
            }
            returns.add(episode);
            sum += episode;
            if (returns.size() > size) {
                sum -= returns.get(returns.size() - 1 - size);
            }
            if (reachedAt < 0 && returns.size() >= size && sum / size >= threshold) {
                reachedAt = step;
            }
            episode = 0;
        }
    }

    private static Transition transition(Config c, EnvState state, int action, StepResult r) {
        return c.learnUnshaped()
                ? new Transition(state, action, r.unshapedReward() / (float) StepResult.SCALE, r.next(), r.terminal())
                : Transition.of(state, action, r);
    }

    /** The losing proposals' transitions, each distinct action once, in action order. */
    private static List<Transition> losers(Config c, EnvState state, int[] actions, StepResult[] proposals, int win) {
        List<Transition> out = new ArrayList<>();
        for (int a = 0; a < c.env().actionCount(); a++) {
            if (a == actions[win]) {
                continue;
            }
            for (int i = 0; i < actions.length; i++) {
                if (actions[i] == a) {
                    out.add(transition(c, state, a, proposals[i]));
                    break;
                }
            }
        }
        return out;
    }

    /** Average unshaped return of the agent's greedy policy over {@code episodes} episodes from seeded starts. */
    public static double evaluate(Environment env, DqnAgent agent, int episodes, long seed) {
        double total = 0;
        for (int e = 0; e < episodes; e++) {
            SplitMix64 rng = SplitMix64.derive(seed, e);
            EnvState s = env.reset(rng.nextLong());
            boolean done = false;
            while (!done) {
                StepResult r = env.step(s, agent.greedy(s), new SplitMix64(rng.nextLong()));
                total += r.unshapedReward() / (double) StepResult.SCALE;
                done = r.done();
                s = r.next();
            }
        }
        return total / episodes;
    }
}
