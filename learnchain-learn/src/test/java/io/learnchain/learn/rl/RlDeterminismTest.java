package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A DQN learner driven through every environment gives the same state, reward and weights hashes in
 * child JVMs without vector instructions, without FMA and in the interpreter as in this JVM.
 */
class RlDeterminismTest {
    private static final List<String> REFERENCE = probe(1);

    /** One line per environment: the hash chain of its step results and the learner's final weights hash. */
    static List<String> probe(int threads) {
        List<String> lines = new ArrayList<>();
        try (ComputePool pool = new ComputePool(threads)) {
            for (Environment env : List.of(new CartPole(), new GridWorld(), new InventoryControl())) {
                DqnHyperparameters hp = DqnHyperparameters.forEnvironment(env);
                hp = new DqnHyperparameters(
                        DqnHyperparameters.mlp(env.observationSize(), 16, env.actionCount()),
                        new EpsilonSchedule(1f, 0.1f, 50),
                        0.95f,
                        hp.optimizer(),
                        200,
                        8,
                        7,
                        2,
                        16,
                        hp.loss());
                DqnAgent agent = DqnAgent.create(hp, 77, pool);
                List<DqnTrainingRecord> records = DqnAgentTest.drive(agent, env, 40, 77);
                lines.add(env.name() + " " + records.getLast().hash().toHex() + " "
                        + agent.weightsHash().toHex() + " " + stateChain(env));
            }
        }
        return lines;
    }

    private static String stateChain(Environment env) {
        SplitMix64 rng = new SplitMix64(3);
        EnvState s = env.reset(3);
        Hash h = s.hash();
        for (int t = 0; t < 100; t++) {
            StepResult r = env.step(s, rng.nextInt(env.actionCount()), SplitMix64.derive(3, t));
            h = Hash.sha256(h.toArray(), r.canonicalBytes());
            s = r.done() ? env.reset(rng.nextLong()) : r.next();
        }
        return h.toHex();
    }

    public static void main(String[] args) {
        probe(Integer.parseInt(args[0])).forEach(System.out::println);
    }

    @org.junit.jupiter.api.Test
    void sameHashesWithTwoThreads() {
        assertThat(probe(2)).isEqualTo(REFERENCE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-XX:UseAVX=0", "-XX:-UseFMA", "-Xint"})
    void sameHashesInChildJvm(String flag) throws IOException, InterruptedException {
        List<String> reference = REFERENCE;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "--add-modules",
                        "jdk.incubator.vector",
                        flag,
                        "-XX:+IgnoreUnrecognizedVMOptions",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RlDeterminismTest.class.getName(),
                        "2")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM with " + flag + " did not finish in 120 s");
        }
        assertThat(p.exitValue()).as("exit code with %s; output: %s", flag, out).isZero();
        assertThat(out.lines().toList()).as("child JVM with %s", flag).isEqualTo(reference);
    }
}
