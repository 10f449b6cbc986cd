package io.learnchain.node.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a running node leaves its {@link ApiToken} for the operator's programs: {@code api.cookie}
 * in its data directory, and {@code ~/.learnchain/run/api-PORT.cookie}, by which the CLI finds the
 * token of the node its {@code --api} names. Both are readable by their owner only and deleted when
 * the node stops.
 */
public final class ApiCookies implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiCookies.class);
    public static final String FILE_NAME = "api.cookie";

    private final List<Path> written;
    private final String token;

    private ApiCookies(List<Path> written, String token) {
        this.written = written;
        this.token = token;
    }

    /** The cookie of the node whose API listens on {@code port} of this machine. */
    public static Path runFile(int port) {
        return Path.of(System.getProperty("user.home"), ".learnchain", "run", "api-" + port + ".cookie");
    }

    /** Writes the token to the run file of {@code port} and, when there is one, the data directory. */
    public static ApiCookies write(ApiToken token, int port, Optional<Path> dataDir) {
        List<Path> written = new ArrayList<>();
        List<Path> targets = new ArrayList<>();
        dataDir.ifPresent(d -> targets.add(d.resolve(FILE_NAME)));
        targets.add(runFile(port));
        for (Path file : targets) {
            try {
                writePrivate(file, token.value());
                written.add(file);
            } catch (IOException e) {
                LOG.warn("cannot write the API token to {} ({}); the CLI will need --api-cookie", file, e.getMessage());
            }
        }
        return new ApiCookies(written, token.value());
    }

    /** The paths the token was written to. */
    public List<Path> files() {
        return List.copyOf(written);
    }

    private static void writePrivate(Path file, String token) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the files that still hold this node's token (a later node on the same port may have replaced one). */
    @Override
    public void close() {
        for (Path file : written) {
            try {
                if (Files.exists(file)
                        && Files.readString(file, StandardCharsets.US_ASCII)
                                .strip()
                                .equals(token)) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", file, e.getMessage());
            }
        }
    }
}
