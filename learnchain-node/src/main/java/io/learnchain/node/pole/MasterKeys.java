package io.learnchain.node.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.privacy.MasterSecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master secret keys of this data node's private tasks (PROTOCOL.md 3.9), by the hash of the
 * encrypted training set they opened: the requester derives each round's functional keys from
 * them. They never leave the node. {@link #inDirectory} keeps one file a key, readable by the
 * owner only, so a restarted node goes on releasing its rounds' keys; {@link #inMemory} is the twin
 * for tests and a node without a data directory. Thread-safe.
 */
public interface MasterKeys {
    Optional<MasterSecretKey> find(Hash trainingSet);

    /** Keeps {@code key} for the task whose encrypted training set hashes to {@code trainingSet}. */
    void keep(Hash trainingSet, MasterSecretKey key);

    static MasterKeys inMemory() {
        Map<Hash, MasterSecretKey> keys = new ConcurrentHashMap<>();
        return new MasterKeys() {
            @Override
            public Optional<MasterSecretKey> find(Hash trainingSet) {
                return Optional.ofNullable(keys.get(trainingSet));
            }

            @Override
            public void keep(Hash trainingSet, MasterSecretKey key) {
                keys.put(trainingSet, key);
            }
        };
    }

    /** Files {@code DIR/HASH.key} (mode 600 where the file system has POSIX permissions). */
    static MasterKeys inDirectory(Path dir) {
        return new MasterKeys() {
            @Override
            public Optional<MasterSecretKey> find(Hash trainingSet) {
                Path file = dir.resolve(trainingSet.toHex() + ".key");
                if (!Files.exists(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(MasterSecretKey.decode(Files.readAllBytes(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot read the private task key " + file + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "the private task key " + file + " is damaged (" + e.getMessage()
                                    + "): the task's rounds cannot be keyed; cancel the task (learnchain task cancel)",
                            e);
                }
            }

            @Override
            public void keep(Hash trainingSet, MasterSecretKey key) {
                try {
                    Files.createDirectories(dir);
                    Path file = dir.resolve(trainingSet.toHex() + ".key");
                    Path tmp = dir.resolve(trainingSet.toHex() + ".key.tmp");
                    Files.deleteIfExists(tmp);
                    try {
                        Files.createFile(
                                tmp,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } catch (UnsupportedOperationException e) {
                        Files.createFile(tmp);
                    } catch (FileAlreadyExistsException e) {
                        // deleted above; another writer of the same key: write over it
                    }
                    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        out.write(ByteBuffer.wrap(key.encode()));
                        out.force(true); // kept before the task is posted: a crash must not lose it
                    }
                    try {
                        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot store the private task key in " + dir + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
