package io.learnchain.learn.rl;

import io.learnchain.learn.compute.ComputePool;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures "replacing time with space" on CartPole: for N = 1, 2, 4, 8 learners and several seeds,
 * the step at which the chain's moving-average unshaped return (window 20) first reaches the
 * threshold, and the step at which learner 0's own greedy policy first does. Prints one line per run
 * and a summary. Arguments: steps (default 30000), seeds (default 3), threshold (default 195),
 * learner counts (default 1,2,4,8),
 * a mode containing "unshaped" to let learners learn from the unshaped reward and "share" to let them
 * store the losing proposals too (e.g. "unshaped+share").
 */
public final class ParallelLearningMain {
    private ParallelLearningMain() {}

    public static void main(String[] args) {
        long steps = args.length > 0 ? Long.parseLong(args[0]) : 30_000;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double threshold = args.length > 2 ? Double.parseDouble(args[2]) : 195;
        String[] ns = (args.length > 3 ? args[3] : "1,2,4,8").split(",");
        boolean unshaped = args.length > 4 && args[4].contains("unshaped");
        boolean share = args.length > 4 && args[4].contains("share");
        Environment env = new CartPole();
        DqnHyperparameters hp = DqnHyperparameters.cartPole();
        List<String> summary = new ArrayList<>();
        for (String nText : ns) {
            int n = Integer.parseInt(nText);
            List<Long> reached = new ArrayList<>();
            List<Long> greedy = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                long t0 = System.nanoTime();
                var r = ParallelLearning.run(
                        new ParallelLearning.Config(
                                env, hp, n, steps, 1000 + s, 20, threshold, 250, 10, unshaped, share),
                        ComputePool.serial());
                reached.add(r.reachedAt());
                greedy.add(r.greedyReachedAt());
                System.out.printf(
                        "N=%d seed=%d chainReached=%d greedyReached=%d episodes=%d last20=%.1f (%.1f s)%n",
                        n,
                        1000 + s,
                        r.reachedAt(),
                        r.greedyReachedAt(),
                        r.returns().size(),
                        r.lastAverage(20),
                        (System.nanoTime() - t0) / 1e9);
            }
            summary.add("N=" + n + " chain " + reached + " greedy " + greedy);
        }
        summary.forEach(System.out::println);
    }
}
