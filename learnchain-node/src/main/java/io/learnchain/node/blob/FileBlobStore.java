package io.learnchain.node.blob;

import io.learnchain.base.Hash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files named by their hash: {@code root/objects/ab/abcdef...}. A write goes to a
 * temporary file under {@code root/tmp}, is fsynced, then atomically renamed into place (and the
 * directory fsynced), so a crash leaves either the whole blob or only a {@code .tmp} file, which
 * the next {@link #open} discards. Every read re-hashes the bytes; a damaged file is reported
 * with {@link CorruptBlobException} and never served.
 */
public final class FileBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
    static final String TMP_SUFFIX = ".tmp";
    private static final int CHUNK = 1 << 16;

    private final Path objects;
    private final Path tmp;
    private final long maxBlobBytes;

    private FileBlobStore(Path objects, Path tmp, long maxBlobBytes) {
        this.objects = objects;
        this.tmp = tmp;
        this.maxBlobBytes = maxBlobBytes;
    }

    /** Opens (creating if needed) the store under {@code root} and discards partial writes of a previous run. */
    public static FileBlobStore open(Path root, long maxBlobBytes) throws IOException {
        if (maxBlobBytes <= 0) {
            throw new IllegalArgumentException("max blob size must be positive, got " + maxBlobBytes);
        }
        Path objects = Files.createDirectories(root.resolve("objects"));
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        int discarded = discardPartialWrites(tmp);
        if (discarded > 0) {
            LOG.warn("blob store {}: discarded {} partial write(s) left by an interrupted run", root, discarded);
        }
        return new FileBlobStore(objects, tmp, maxBlobBytes);
    }

    private static int discardPartialWrites(Path tmp) throws IOException {
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, "*" + TMP_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                count++;
            }
        }
        return count;
    }

    @Override
    public Hash put(byte[] bytes) throws IOException {
        return put(new ByteArrayInputStream(bytes));
    }

    @Override
    public Hash put(InputStream in) throws IOException {
        Path partial = Files.createTempFile(tmp, "blob-", TMP_SUFFIX);
        try {
            Hash hash = writeAndSync(in, partial);
            Path target = pathOf(hash);
            if (Files.exists(target)) {
                Files.delete(partial);
                return hash;
            }
            Files.createDirectories(target.getParent());
            moveAtomically(partial, target);
            syncDirectory(target.getParent());
            return hash;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private Hash writeAndSync(InputStream in, Path partial) throws IOException {
        MessageDigest digest = Hash.newDigest();
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBlobBytes) {
                    throw new BlobTooLargeException(maxBlobBytes);
                }
                digest.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true);
        }
        return Hash.ofDigest(digest);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            // Another writer stored the same content first: same name, same bytes.
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "blob store: the file system under " + to.getParent()
                            + " cannot rename atomically; put the data directory on a local file system",
                    e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for fsync; the rename itself is still atomic.
            LOG.debug("could not fsync directory {}: {}", dir, e.toString());
        }
    }

    @Override
    public Optional<byte[]> getUnverified(Hash hash) throws IOException {
        Path file = pathOf(hash);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        long size = Files.size(file);
        if (size > maxBlobBytes) {
            throw new CorruptBlobException("file " + file + " (" + size + " bytes, over the limit)", hash, Hash.ZERO);
        }
        return Optional.of(Files.readAllBytes(file));
    }

    @Override
    public Optional<byte[]> get(Hash hash) throws IOException {
        Optional<byte[]> read = getUnverified(hash);
        if (read.isEmpty()) {
            return read;
        }
        Path file = pathOf(hash);
        byte[] bytes = read.get();
        Hash actual = Hash.sha256(bytes);
        if (!actual.equals(hash)) {
            LOG.error("blob store: {} does not hash to its name (got {}); refusing to serve it", file, actual.toHex());
            throw new CorruptBlobException("file " + file, hash, actual);
        }
        return Optional.of(bytes);
    }

    @Override
    public boolean contains(Hash hash) {
        return Files.exists(pathOf(hash));
    }

    @Override
    public boolean delete(Hash hash) throws IOException {
        return Files.deleteIfExists(pathOf(hash));
    }

    @Override
    public List<Hash> verifyAll() throws IOException {
        List<Hash> damaged = new ArrayList<>();
        try (Stream<Path> files = Files.walk(objects, 2)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Hash name = nameOf(file);
                if (name == null || !hashFile(file).equals(name)) {
                    damaged.add(name == null ? Hash.ZERO : name);
                    LOG.error("blob store: {} is damaged or misnamed", file);
                }
            }
        }
        return damaged;
    }

    private static Hash nameOf(Path file) {
        try {
            return Hash.fromHex(file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Hash hashFile(Path file) throws IOException {
        MessageDigest digest = Hash.newDigest();
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return Hash.ofDigest(digest);
    }

    /** Where blob {@code hash} lives: {@code objects/<first two hex digits>/<hex>}. */
    public Path pathOf(Hash hash) {
        String hex = hash.toHex();
        return objects.resolve(hex.substring(0, 2)).resolve(hex);
    }

    @Override
    public long maxBlobBytes() {
        return maxBlobBytes;
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }
}
