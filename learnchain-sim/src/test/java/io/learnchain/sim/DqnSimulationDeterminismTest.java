package io.learnchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.learn.compute.ComputePool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A whole dqn chain (2 nodes, CartPole: environment steps, signatures, fork choice and, past the
 * 500-transition warm-up, DQN training) ends on the same tip hash in child JVMs without vector
 * instructions, with AVX2 only and in the interpreter as in this JVM (PROTOCOL.md 2).
 */
class DqnSimulationDeterminismTest {

    static String tip(long blocks, int threads) {
        DqnSimConfig config = new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 2, blocks, 9, 5, 20, threads);
        try (ComputePool pool = new ComputePool(threads)) {
            return new DqnSimulation(config).run(pool).tipHash().toHex();
        }
    }

    public static void main(String[] args) {
        System.out.println(tip(Long.parseLong(args[0]), Integer.parseInt(args[1])));
    }

    @ParameterizedTest(name = "{0}, {1} blocks")
    @CsvSource({"-XX:UseAVX=0, 520", "-XX:UseAVX=2, 560", "-Xint, 12"})
    void sameTipInChildJvm(String flag, long blocks) throws IOException, InterruptedException {
        String reference = tip(blocks, 1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "--add-modules",
                        "jdk.incubator.vector",
                        flag,
                        "-XX:+IgnoreUnrecognizedVMOptions",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DqnSimulationDeterminismTest.class.getName(),
                        Long.toString(blocks),
                        "2")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM with " + flag + " did not finish in 300 s");
        }
        assertThat(p.exitValue()).as("exit code with %s; output: %s", flag, out).isZero();
        assertThat(out.strip()).as("tip with %s after %d blocks", flag, blocks).isEqualTo(reference);
    }
}
