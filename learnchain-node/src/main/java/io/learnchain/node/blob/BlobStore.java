package io.learnchain.node.blob;

import io.learnchain.base.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed storage for datasets, test shards and model weights: a blob is named by the
 * SHA-256 of its bytes. Reads check the hash, so a damaged blob is reported and never served.
 */
public interface BlobStore extends AutoCloseable {

    /** Stores {@code bytes} (idempotent) and returns their hash. */
    Hash put(byte[] bytes) throws IOException;

    /** Stores everything {@code in} yields, up to {@link #maxBlobBytes()}, and returns its hash. */
    Hash put(InputStream in) throws IOException;

    /**
     * The bytes of blob {@code hash}, or empty when it is not stored.
     *
     * @throws CorruptBlobException when the stored bytes no longer hash to {@code hash}
     */
    Optional<byte[]> get(Hash hash) throws IOException;

    /**
     * The bytes stored under {@code hash} without hashing them again, or empty when none are stored:
     * for a caller that binds the bytes to a commitment of its own and calls {@link #get} when that
     * fails (PROTOCOL.md 3.7: an opened checkpoint is bound by its leaf), so that a damaged blob is
     * still told apart from a false one.
     */
    Optional<byte[]> getUnverified(Hash hash) throws IOException;

    boolean contains(Hash hash) throws IOException;

    /** Deletes a blob; returns whether it was there. */
    boolean delete(Hash hash) throws IOException;

    /** Re-hashes every stored blob and returns the hashes of those that are damaged (empty when all are sound). */
    List<Hash> verifyAll() throws IOException;

    /** The largest blob this store accepts. */
    long maxBlobBytes();

    @Override
    void close();
}
