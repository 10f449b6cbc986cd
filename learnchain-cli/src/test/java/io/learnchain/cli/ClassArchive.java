package io.learnchain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive of the runnable jar's classes for the integration tests' processes: a
 * JVM that maps the node's classes from it starts on about a quarter less CPU, and the suite starts
 * some 250 of them (issue 14: the suite's time on 2 cores). Made once per build by a node that starts
 * and stops under {@code -XX:ArchiveClassesAtExit}, made again when the jar is newer; when it cannot be
 * made the processes start without it, as before. The JVM checks an archive against the class path it
 * was made for and ignores one that does not match; its own messages about that are turned off, so
 * that no process prints lines a test does not expect.
 */
final class ClassArchive {
    private static List<String> options;

    private ClassArchive() {}

    /** The JVM options that use the archive (made now if it is missing or older than the jar), or none. */
    static synchronized List<String> options(List<String> baseOptions, Path jar) {
        if (options == null) {
            options = make(baseOptions, jar);
        }
        return options;
    }

    private static List<String> make(List<String> baseOptions, Path jar) {
        Path archive = jar.resolveSibling("learnchain-all.jsa");
        try {
            if (!Files.isRegularFile(archive)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                dump(baseOptions, jar, archive);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("class archive: not made (" + e + "); the test processes start without it");
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        return Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
                : List.of();
    }

    /** A dev node that starts (loading what nodes and commands load) and stops; the JVM writes the archive. */
    private static void dump(List<String> baseOptions, Path jar, Path archive)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("learnchain-cds");
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        List<String> cmd = new ArrayList<>(baseOptions);
        cmd.add("-XX:ArchiveClassesAtExit=" + partial);
        cmd.addAll(List.of(
                "-jar",
                jar.toString(),
                "node",
                "--dev",
                "--datadir",
                work.resolve("node").toString()));
        cmd.addAll(List.of("--api-port", "0", "--p2p-port", "0", "--json"));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("output.txt").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (p.isAlive()
                && System.nanoTime() < deadline
                && !Files.readString(work.resolve("output.txt")).contains("\"event\":\"started\"")) {
            Thread.sleep(50);
        }
        p.destroy(); // SIGTERM: the JVM exits normally and writes the archive
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the node making the class archive did not stop");
        }
        if (!Files.isRegularFile(partial)) {
            throw new IOException(
                    "no archive written; the node said:\n" + Files.readString(work.resolve("output.txt")));
        }
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> left = Files.walk(work)) {
            left.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        System.err.printf(
                "class archive: %s (%d MB) made in %.1f s%n",
                archive, Files.size(archive) >> 20, (System.nanoTime() - started) / 1e9);
    }
}
