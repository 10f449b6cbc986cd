package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, part 2: the release archive ({@code scripts/release.sh}: a jlink runtime, the jar and
 * {@code bin/learnchain}) runs where there is no JDK. The archive is unpacked in an empty folder and
 * its launcher started with an environment that has no JAVA_HOME and a PATH without any java: a dev
 * node starts, and a one-round task posted with the archive's own CLI is mined to the end.
 */
class ReleaseArchiveIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theArchiveRunsANodeAndATaskWithoutAJdk() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path out = Files.createDirectories(tmp.resolve("out"));
        long buildStart = System.nanoTime();
        Result release = run(
                List.of("bash", root.resolve("scripts/release.sh").toString(), "--no-build", "--out", out.toString()),
                Map.of(),
                300);
        assertThat(release.code()).as(release.output()).isZero();
        System.out.printf(
                "release.sh: %.1f s; %s%n",
                (System.nanoTime() - buildStart) / 1e9, release.output().strip());
        Path archive;
        try (Stream<Path> files = Files.list(out)) {
            archive = files.filter(f -> f.toString().endsWith(".tar.gz"))
                    .findFirst()
                    .orElseThrow();
        }

        Path empty = Files.createDirectories(tmp.resolve("unpacked"));
        assertThat(run(List.of("tar", "-xzf", archive.toString(), "-C", empty.toString()), Map.of(), 120)
                        .code())
                .isZero();
        Path home;
        try (Stream<Path> dirs = Files.list(empty)) {
            home = dirs.findFirst().orElseThrow();
        }
        Path launcher = home.resolve("bin/learnchain");
        Path noJava = Files.createDirectories(tmp.resolve("empty-path")); // PATH holds no java, and no JAVA_HOME
        Map<String, String> env = Map.of("PATH", noJava.toString(), "HOME", tmp.toString());

        Path datadir = tmp.resolve("node");
        ProcessBuilder nodeBuilder = new ProcessBuilder(
                        launcher.toString(),
                        "node",
                        "--dev",
                        "--datadir",
                        datadir.toString(),
                        "--api-port",
                        "0",
                        "--p2p-port",
                        "-1",
                        "--block-time",
                        "1")
                .redirectErrorStream(true);
        nodeBuilder.environment().clear();
        nodeBuilder.environment().putAll(env);
        long start = System.nanoTime();
        Process node = nodeBuilder.start();
        try {
            String api = awaitListening(node);
            System.out.printf("bin/learnchain node --dev: listening after %.1f s%n", (System.nanoTime() - start) / 1e9);
            String cookie = datadir.resolve("api.cookie").toString();
            Result posted = run(
                    List.of(
                            launcher.toString(),
                            "task",
                            "post",
                            "--model",
                            "mlp-small",
                            "--dataset",
                            "fashion-mnist-small",
                            "--reward",
                            "1",
                            "--rounds",
                            "1",
                            "--min-accuracy",
                            "0.1",
                            "--expected-seconds",
                            "5",
                            "--min-phase",
                            "1",
                            "--max-phase",
                            "120",
                            "--api",
                            api,
                            "--api-cookie",
                            cookie),
                    env,
                    120);
            assertThat(posted.code()).as(posted.output()).isZero();
            JsonNode task = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                Result shown = run(List.of(launcher.toString(), "task", "show", "1", "--json", "--api", api), env, 60);
                if (shown.code() == 0) {
                    task = JSON.readTree(lastLine(shown.output()));
                    if (task.path("summary").path("status").asText().equals("finished")) {
                        break;
                    }
                }
                Thread.sleep(1_000);
            }
            assertThat(task).isNotNull();
            assertThat(task.path("summary").path("closedAs").asText())
                    .as(task.toString())
                    .isEqualTo("FINISHED");
            assertThat(task.path("rounds").get(0).path("kind").asText()).isEqualTo("pole");
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
            node.destroyForcibly();
        }
    }

    /** Reads the node's output until "Listening on HOST:PORT"; the API base URL. */
    private static String awaitListening(Process node) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null) {
            seen.add(line);
            if (line.startsWith("Listening on ")) {
                String listen = line.substring("Listening on ".length()).strip();
                Thread drain = new Thread(
                        () -> {
                            try {
                                lines.lines().forEach(l -> {});
                            } catch (UncheckedIOException e) {
                                // the node was stopped: its output is closed
                            }
                        },
                        "release-node-output");
                drain.setDaemon(true);
                drain.start();
                return "http://" + listen;
            }
        }
        throw new AssertionError("the release's node exited before listening:\n" + String.join("\n", seen));
    }

    private record Result(int code, String output) {}

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        if (!env.isEmpty()) {
            b.environment().clear();
            b.environment().putAll(env);
        }
        Process p = b.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
