package io.learnchain.testkit.arch.violations;

import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Deliberately breaks every core rule; {@code CoreRulesTest} checks each rule catches it. Never used. */
public final class NondeterministicTrainer {
    private NondeterministicTrainer() {}

    public static double everyMistake(List<Double> weights) throws Exception {
        Random random = new Random();
        double w = random.nextDouble() + Math.random();
        w += System.currentTimeMillis() + System.nanoTime() + Instant.now().getEpochSecond();
        w += Math.exp(w) + Math.tanh(w) + Math.pow(w, 2);
        w += weights.parallelStream().mapToDouble(Double::doubleValue).sum();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.shutdown();
        Thread t = new Thread(() -> {});
        t.start();
        w += jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        w += new File("weights.bin").length();
        return w;
    }
}
