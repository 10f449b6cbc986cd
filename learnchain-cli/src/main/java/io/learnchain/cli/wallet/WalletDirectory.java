package io.learnchain.cli.wallet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.wallet.KeyFile;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/** The folder of key files: one {@code NAME.json} per wallet, readable by its owner only. */
public final class WalletDirectory {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public WalletDirectory(Path dir) {
        this.dir = dir;
    }

    public static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".learnchain", "wallets");
    }

    public Path dir() {
        return dir;
    }

    public Path fileOf(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new UserException(
                    "wallet name '" + name + "' is not allowed: use 1-64 letters, digits, '_', '.' or '-'");
        }
        return dir.resolve(name + ".json");
    }

    /** Writes a new key file; refuses to overwrite an existing wallet of that name. */
    public Path save(String name, KeyFile file) {
        Path target = fileOf(name);
        if (Files.exists(target)) {
            throw new UserException("a wallet named '" + name + "' already exists at " + target
                    + ": choose another --name, or delete that file if you really mean to replace it");
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            try {
                setOwnerOnly(tmp);
                Files.writeString(tmp, MAPPER.writeValueAsString(file));
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw new UserException(
                        "a wallet named '" + name + "' appeared at " + target + " meanwhile; nothing was written");
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UserException("cannot write the wallet to " + target + ": " + e.getMessage()
                    + ". Check that the folder is writable or pass --wallet-dir");
        }
    }

    /** Reads a wallet by name, or by the path of a key file. */
    public KeyFile load(String nameOrPath) {
        Path file = nameOrPath.endsWith(".json") ? Path.of(nameOrPath) : fileOf(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new UserException("no wallet '" + nameOrPath + "' (looked for " + file
                    + "): create one with 'learnchain wallet new --name " + nameOrPath + "' or pass --wallet-dir");
        }
        try {
            return MAPPER.readValue(file.toFile(), KeyFile.class);
        } catch (IOException e) {
            throw new UserException("the key file " + file + " is not a learnchain key file: " + e.getMessage());
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }
}
