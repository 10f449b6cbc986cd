package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.learn.fixtures.ModelZoo;
import io.learnchain.learn.tensor.Lanes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario D21 (docs/scenarios.md): the {@value ModelZoo#COUNT} models of the {@link ModelZoo}, each
 * trained a few steps and evaluated, give the same model hash, evaluation count and logits hash in
 * every configuration as the reference computed here with 1 thread at this JVM's own width: 2 and 4
 * threads in this JVM, and child JVMs at 128 and 256 bits (MaxVectorSize 16 and 32, UseAVX=2), at
 * 512 bits where the test JVM runs narrower and the CPU has AVX-512, and, on the cheap cases only
 * (the first 100 of at most 300,000 multiply-adds: their fma runs in software, 1-2 microseconds
 * each), with UseAVX=0 (SSE, no FMA instructions), -XX:-UseFMA and in the interpreter. A flag the
 * CPU does not honour is reported as skipped with the reason, never counted as a pass. Any
 * disagreement fails with the first model's index, spec, record and both result lines. Prints each
 * configuration's wall time and a summary (run by failsafe in {@code ./mvnw verify}: figures in the
 * build log).
 */
class ModelZooDeterminismIT {
    /** The cases of the slow modes (software fma, interpreter): the first 100 of at most 300,000 multiply-adds. */
    static final String CHEAP = "cheap:100:300000";

    private static List<String> reference;
    private static final Map<String, String> SUMMARY = new LinkedHashMap<>();
    private static long start;

    @BeforeAll
    static void computeReference() {
        start = System.nanoTime();
        long t0 = System.nanoTime();
        reference = ModelZoo.lines(ModelZoo.first(ModelZoo.COUNT), 1);
        double s = seconds(t0);
        String line = String.format(
                "%d models, %d-bit, 1 thread: %.1f s, digest %s",
                reference.size(), Lanes.bits(), s, ModelZoo.digest(reference));
        System.out.println("D21 reference (this JVM): " + line);
        SUMMARY.put("reference (this JVM, " + Lanes.bits() + "-bit, 1 thread)", line);
    }

    @AfterAll
    static void summary() {
        System.out.println("D21 summary:");
        SUMMARY.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        System.out.printf("D21 total %.1f s%n", seconds(start));
    }

    @Test
    void zooHasOverAThousandDistinctModelsCoveringEveryLayerKind() {
        Map<String, Integer> coverage = ModelZoo.coverage(ModelZoo.first(ModelZoo.COUNT));
        System.out.println("D21 coverage of the zoo: " + coverage);
        System.out.println(
                "D21 coverage of the slow modes' cases (" + CHEAP + "): " + ModelZoo.coverage(ModelZoo.select(CHEAP)));
        assertThat(reference).hasSizeGreaterThanOrEqualTo(1000);
        Set<String> modelHashes = new HashSet<>();
        for (String line : reference) {
            modelHashes.add(line.split(" ")[1]);
        }
        assertThat(modelHashes).as("distinct trained models").hasSize(reference.size());
        for (String kind : List.of("dense", "conv2d", "maxpool", "flatten", "relu", "tanh", "sigmoid", "lstm")) {
            assertThat(coverage.getOrDefault("layer " + kind, 0))
                    .as("models with a %s layer", kind)
                    .isGreaterThan(50);
        }
        assertThat(coverage).containsKeys("optimizer sgd", "optimizer adam", "untrained (0 steps)");
        assertThat(ModelZoo.select(CHEAP)).hasSize(100);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void sameBitsWithMoreThreads(int threads) {
        long t0 = System.nanoTime();
        List<String> lines = ModelZoo.lines(ModelZoo.first(ModelZoo.COUNT), threads);
        double s = seconds(t0);
        report(
                "this JVM, " + Lanes.bits() + "-bit, " + threads + " threads",
                s,
                s,
                ModelZoo.first(ModelZoo.COUNT),
                lines);
    }

    /**
     * A child JVM: its flag, the VM option that must then hold {@code honoured} (else the CPU did not
     * honour the flag: skipped), the width its kernels must run (0: not checked), its threads and cases.
     */
    record Child(String flag, String vmOption, String honoured, int bits, int threads, String selection) {
        @Override
        public String toString() {
            return flag + " (" + (bits > 0 ? bits + "-bit, " : "") + threads + " thread" + (threads > 1 ? "s" : "")
                    + ", " + selection + ")";
        }
    }

    static Stream<Arguments> children() {
        return Stream.of(
                        new Child("-XX:MaxVectorSize=16", "MaxVectorSize", "16", 128, 2, "all"),
                        new Child("-XX:MaxVectorSize=32", "MaxVectorSize", "32", 256, 4, "all"),
                        new Child("-XX:MaxVectorSize=64", "MaxVectorSize", "64", 512, 2, "all"),
                        new Child("-XX:UseAVX=2", "UseAVX", "2", 256, 1, "all"),
                        new Child("-XX:UseAVX=0", "UseAVX", "0", 128, 2, CHEAP),
                        new Child("-XX:-UseFMA", "UseFMA", "false", 0, 4, CHEAP),
                        new Child("-Xint", null, null, 0, 2, CHEAP))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("children")
    void sameBitsInChildJvm(Child child) throws Exception {
        if (child.bits() == 512) {
            String why = Lanes.preferredBits() < 512
                    ? "this CPU has no 512-bit vectors (the test JVM prefers " + Lanes.preferredBits() + " bits), so "
                            + child.flag() + " cannot run 512 bits here"
                    : Lanes.bits() == 512
                            ? "the reference already runs 512 bits in this JVM (MaxVectorSize=64 is its default)"
                            : null;
            if (why != null) {
                SUMMARY.put("child " + child, "SKIPPED: " + why);
            }
            Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        }
        long t0 = System.nanoTime();
        Map<String, String> jvm = new LinkedHashMap<>();
        List<String> lines = runChild(child, jvm);
        double wall = seconds(t0);
        if (child.vmOption() != null) {
            String actual = jvm.get(child.vmOption());
            if (!child.honoured().equals(actual)) {
                SUMMARY.put("child " + child, "SKIPPED: the JVM runs " + child.vmOption() + "=" + actual);
            }
            Assumptions.assumeTrue(
                    child.honoured().equals(actual),
                    () -> "skipped: this CPU does not honour " + child.flag() + " (the JVM runs " + child.vmOption()
                            + "=" + actual + "), so that path cannot be tested here");
        }
        if (child.bits() > 0) {
            assertThat(jvm.get("bits"))
                    .as("vector width under %s", child.flag())
                    .isEqualTo(Integer.toString(child.bits()));
        }
        int[] indices = ModelZoo.select(child.selection());
        report(
                "child " + child.flag() + ", " + jvm.get("bits") + "-bit, " + child.threads() + " thread"
                        + (child.threads() > 1 ? "s" : ""),
                wall,
                Double.parseDouble(jvm.get("millis")) / 1000,
                indices,
                lines);
    }

    /** Compares {@code lines} (the results of cases {@code indices}) with the reference, records and prints the figures. */
    private static void report(String config, double wall, double inModels, int[] indices, List<String> lines) {
        assertThat(lines).as("result lines under %s", config).hasSize(indices.length);
        int disagreements = 0;
        String first = null;
        for (int j = 0; j < indices.length; j++) {
            String expected = reference.get(indices[j]);
            if (!expected.equals(lines.get(j))) {
                if (first == null) {
                    ModelZoo.Case c = ModelZoo.generate(indices[j]);
                    first = "first at model " + indices[j] + " (" + c.family() + ", spec \""
                            + c.spec().text()
                            + "\", record " + c.record().text().replace('\n', ';') + " eval batch " + c.evalBatch()
                            + (c.extreme().isEmpty() ? "" : ", extreme: " + c.extreme()) + "):\n  reference "
                            + expected + "\n  got       " + lines.get(j);
                }
                disagreements++;
            }
        }
        String line = String.format(
                "%d models, %.1f s wall (%.1f s in the models), %d disagreements",
                indices.length, wall, inModels, disagreements);
        System.out.println("D21 " + config + ": " + line);
        SUMMARY.put(config, line);
        if (disagreements > 0) {
            throw new AssertionError(disagreements + " of " + indices.length + " models disagree with the reference"
                    + " (1 thread, " + Lanes.bits() + "-bit) under " + config + "; " + first);
        }
    }

    /** Runs the zoo in a child JVM; fills {@code jvm} with its "jvm NAME VALUE" lines and returns its result lines. */
    private static List<String> runChild(Child child, Map<String, String> jvm)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                child.flag(),
                "-XX:+IgnoreUnrecognizedVMOptions",
                "-cp",
                System.getProperty("java.class.path"),
                ModelZoo.class.getName(),
                Integer.toString(child.threads()),
                child.selection()));
        Path err = Files.createTempFile("d21-child", ".err");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.to(err.toFile()))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child JVM with " + child.flag() + " did not finish in 300 s");
            }
            assertThat(p.exitValue())
                    .as("exit code of child JVM with %s; stderr: %s", child.flag(), Files.readString(err))
                    .isZero();
            List<String> lines = new ArrayList<>();
            String digest = null;
            for (String line : out.lines().toList()) {
                if (line.startsWith("jvm ")) {
                    String[] kv = line.substring(4).split(" ", 2);
                    jvm.put(kv[0], kv[1]);
                } else if (line.startsWith("digest ")) {
                    digest = line.substring(7);
                } else {
                    lines.add(line);
                }
            }
            assertThat(digest).as("the child's digest of its lines").isEqualTo(ModelZoo.digest(lines));
            return lines;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
