package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.learn.fixtures.DeterminismProbe;
import io.learnchain.learn.fixtures.EngineVectors;
import io.learnchain.learn.tensor.LaneWidth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The width is a machine detail: the committed golden values (kernel products, probes touching every
 * kernel, every predefined model's weights after training, evaluation counts, logits, lifelong
 * losses) come out the same in child JVMs at 128, 256 and 512 bits (chosen by the CPU under
 * -XX:MaxVectorSize or -XX:UseAVX, or forced with -Dlearnchain.vector.bits), without FMA instructions
 * and in the interpreter, with 1, 2 and 4 threads. Without FMA instructions (-XX:-UseFMA, and
 * UseAVX=0, which has none) every fma is done in software and the interpreter runs the Vector API
 * as objects: those three compute the small set (kernel products and the probes) only. A flag this CPU does not
 * honour (UseAVX=3 without AVX-512 runs AVX2; MaxVectorSize=64 without it runs 32) is reported as
 * skipped with the reason, never counted as a pass.
 */
class DeterminismTest {
    private static final List<String> REFERENCE = DeterminismProbe.lines(1);

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void sameRecordGivesSameHashWithAnyThreadCount(int threads) {
        assertThat(DeterminismProbe.lines(threads)).isEqualTo(REFERENCE);
    }

    @Test
    void probeCoversEveryCase() {
        assertThat(REFERENCE).hasSize(DeterminismProbe.CASES.size()).allMatch(l -> l.matches("[a-z]+ [0-9a-f]{64}"));
    }

    /**
     * A child JVM's flags, the flag value it must run with (else the CPU did not honour it: skipped),
     * the width its kernels must then run, its thread count, and whether it computes the small set.
     */
    record Child(String flag, String vmOption, String honoured, int bits, int threads, boolean small) {
        @Override
        public String toString() {
            return flag + " (" + bits + "-bit, " + threads + " thread" + (threads > 1 ? "s" : "") + ")";
        }
    }

    static Stream<Arguments> children() {
        return Stream.of(
                        new Child("-XX:MaxVectorSize=16", "MaxVectorSize", "16", 128, 1, false),
                        new Child("-XX:MaxVectorSize=32", "MaxVectorSize", "32", 256, 2, false),
                        new Child("-XX:MaxVectorSize=64", "MaxVectorSize", "64", 512, 4, false),
                        new Child("-XX:UseAVX=0", "UseAVX", "0", 128, 2, true),
                        new Child("-XX:UseAVX=1", "UseAVX", "1", 128, 1, false),
                        new Child("-XX:UseAVX=2", "UseAVX", "2", 256, 4, false),
                        new Child("-XX:UseAVX=3", "UseAVX", "3", 512, 2, false),
                        new Child("-XX:-UseFMA", "UseFMA", "false", 0, 2, true),
                        new Child("-D" + LaneWidth.PROPERTY + "=128", null, null, 128, 4, false),
                        new Child("-D" + LaneWidth.PROPERTY + "=256", null, null, 256, 1, false),
                        new Child("-Xint", null, null, 0, 2, true))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("children")
    void goldenValuesInChildJvm(Child child) throws Exception {
        Map<String, String> out = runChild(child.flag(), child.threads(), child.small());
        if (child.vmOption() != null) {
            Assumptions.assumeTrue(
                    child.honoured().equals(out.get("jvm " + child.vmOption())),
                    () -> "skipped: this CPU"
                            + " does not honour " + child.flag() + " (the JVM runs " + child.vmOption() + "="
                            + out.get("jvm " + child.vmOption()) + "), so that path cannot be tested here");
        }
        if (child.bits() > 0) {
            assertThat(out.get("jvm bits"))
                    .as("vector width under %s", child.flag())
                    .isEqualTo(Integer.toString(child.bits()));
        }
        Map<String, String> golden = GoldenVectorsTest.committed();
        Map<String, String> values = new LinkedHashMap<>(out);
        values.keySet().removeIf(k -> k.startsWith("jvm "));
        if (child.small()) {
            golden.keySet().retainAll(values.keySet());
            assertThat(golden).as("the small set").hasSizeGreaterThan(5);
        }
        assertThat(values)
                .as("golden values in a child JVM with %s (%s bits)", child.flag(), out.get("jvm bits"))
                .isEqualTo(golden);
    }

    static Map<String, String> runChild(String flag, int threads, boolean small)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                flag,
                "-XX:+IgnoreUnrecognizedVMOptions",
                "-cp",
                System.getProperty("java.class.path"),
                EngineVectors.class.getName(),
                Integer.toString(threads),
                small ? "small" : "full"));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM with " + flag + " did not finish in 300 s");
        }
        assertThat(p.exitValue())
                .as("exit code of child JVM with %s; output: %s", flag, out)
                .isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            int space = line.lastIndexOf(' ');
            values.put(line.substring(0, space), line.substring(space + 1));
        }
        return values;
    }
}
