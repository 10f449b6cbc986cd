package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.learn.fixtures.DeterminismProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same training record gives the same model hash with 1, 2 and 4 threads, and in child JVMs at
 * every AVX level, without FMA instructions and in the interpreter (-Xint).
 */
class DeterminismTest {
    private static final List<String> REFERENCE = DeterminismProbe.lines(1);

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void sameRecordGivesSameHashWithAnyThreadCount(int threads) {
        assertThat(DeterminismProbe.lines(threads)).isEqualTo(REFERENCE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-XX:UseAVX=0", "-XX:UseAVX=1", "-XX:UseAVX=2", "-XX:UseAVX=3", "-XX:-UseFMA", "-Xint"})
    void sameRecordGivesSameHashInChildJvm(String flag) throws Exception {
        assertThat(runChild(flag, "2")).as("child JVM with %s", flag).isEqualTo(REFERENCE);
    }

    @Test
    void probeCoversEveryCase() {
        assertThat(REFERENCE).hasSize(DeterminismProbe.CASES.size()).allMatch(l -> l.matches("[a-z]+ [0-9a-f]{64}"));
    }

    static List<String> runChild(String flag, String threads) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", flag,
                "-XX:+IgnoreUnrecognizedVMOptions", "-cp", System.getProperty("java.class.path"),
                DeterminismProbe.class.getName(), threads));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM with " + flag + " did not finish in 120 s");
        }
        assertThat(p.exitValue()).as("exit code of child JVM with %s; output: %s", flag, out).isZero();
        return out.lines().toList();
    }
}
