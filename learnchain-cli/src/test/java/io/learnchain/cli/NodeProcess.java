package io.learnchain.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real {@code learnchain} process started from the shaded jar, for integration tests: its output
 * lines are collected as they come, and it can be stopped cleanly or killed with SIGKILL.
 */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private NodeProcess(Process process) {
        this.process = process;
        this.pump = Thread.ofVirtual().start(this::pumpOutput);
    }

    /** The runnable jar built by the package phase (failsafe runs after it). */
    static Path jar() {
        Path jar = Path.of("target", "learnchain-all.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": run the integration tests with 'mvnw verify'");
        }
        return jar;
    }

    /** JVM options of short-lived test processes: a small heap and C1 only (fast start, slow training). */
    static final List<String> QUICK_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    /** JVM options of processes that train (the Vector API needs C2): a small heap only. */
    static final List<String> TRAINING_JVM = List.of("-Xmx512m");

    static List<String> javaCommand(String... args) {
        return javaCommand(QUICK_JVM, args);
    }

    static List<String> javaCommand(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> base = List.of(
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow");
        cmd.addAll(base);
        List<String> quick = new ArrayList<>(List.of(cmd.getFirst()));
        quick.addAll(base);
        quick.addAll(QUICK_JVM);
        cmd.addAll(ClassArchive.options(quick, jar()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static NodeProcess start(String... args) throws IOException {
        return start(QUICK_JVM, args);
    }

    /** A node that trains models (full JIT: the Vector API kernels need C2). */
    static NodeProcess startTraining(String... args) throws IOException {
        return start(TRAINING_JVM, args);
    }

    /** Starts {@code learnchain ARGS} with these JVM options (a devnet passes them on to its nodes). */
    static NodeProcess start(List<String> jvmOptions, String... args) throws IOException {
        return startUnder(List.of(), jvmOptions, args);
    }

    /**
     * Starts {@code learnchain ARGS} through a command that execs it (such as {@code ip netns exec NS}):
     * the process handle is the JVM's own once the prefix has exec'd.
     */
    static NodeProcess startUnder(List<String> prefix, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(javaCommand(jvmOptions, args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("LEARNCHAIN_"));
        return new NodeProcess(pb.start());
    }

    /**
     * Writes the dev chain's genesis (1 s blocks) with the idle engine to {@code genesis}: its miner
     * seals as fast as difficulty 1 allows (the dev template's pole engine waits a random delay before
     * an idle block), so tests get many blocks quickly.
     */
    static void writeIdleDevGenesis(Path genesis) throws IOException, InterruptedException {
        Result template = run(Duration.ofSeconds(60), "chain", "genesis", "--dev", "--block-time", "1");
        if (template.exitCode() != 0) {
            throw new AssertionError("chain genesis --dev failed:\n" + template.output());
        }
        Files.writeString(
                genesis,
                template.lines().stream()
                        .filter(l -> !l.startsWith("WARNING:"))
                        .map(l -> l.replace("engine = 'pole'", "engine = 'idle'"))
                        .reduce("", (a, b) -> a + b + "\n"));
    }

    /** Runs a command to completion and returns its exit code and output. */
    static Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        return runUnder(List.of(), timeout, args);
    }

    /** Runs a command to completion through {@code prefix} (see {@link #startUnder}). */
    static Result runUnder(List<String> prefix, Duration timeout, String... args)
            throws IOException, InterruptedException {
        try (NodeProcess p = startUnder(prefix, QUICK_JVM, args)) {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("'learnchain " + String.join(" ", args) + "' did not finish within " + timeout
                        + "; output so far:\n" + String.join("\n", p.lines));
            }
            p.pump.join(5_000);
            return new Result(p.process.exitValue(), List.copyOf(p.lines));
        }
    }

    record Result(int exitCode, List<String> lines) {
        String output() {
            return String.join("\n", lines);
        }
    }

    private void pumpOutput() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process died: the lines so far stay
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits until a line matches, or fails with the output so far. */
    String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<String> now = lines;
            for (; seen < now.size(); seen++) {
                if (match.test(now.get(seen))) {
                    return now.get(seen);
                }
            }
            if (!process.isAlive() && seen >= lines.size()) {
                throw new AssertionError("the process exited with " + process.exitValue()
                        + " before the expected line; output:\n" + String.join("\n", lines));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no expected line within " + timeout + "; output:\n" + String.join("\n", lines));
    }

    /** SIGKILL: no shutdown hooks, no flushing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself (and for its last output lines). */
    int exitCodeAfterWait(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "the process did not end within " + timeout + "; output:\n" + String.join("\n", lines));
        }
        pump.join(5_000);
        return process.exitValue();
    }

    int exitCodeAfterStop(Duration timeout) throws InterruptedException {
        process.destroy(); // SIGTERM: shutdown hooks run
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the node did not stop within " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
