package io.learnchain.cli.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the ephemeral data directory of a dev node or a devnet. */
public final class TempDirs {
    private TempDirs() {}

    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete the temporary data directory " + dir + ": " + e.getMessage());
        }
    }
}
