package io.learnchain.node.blob;

import io.learnchain.base.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory twin of {@link FileBlobStore}, with the same hash checks. Thread-safe. */
public final class InMemoryBlobStore implements BlobStore {
    private final Map<Hash, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<Hash, byte[]> shared;
    private final long maxBlobBytes;

    public InMemoryBlobStore(long maxBlobBytes) {
        this(maxBlobBytes, new ConcurrentHashMap<>());
    }

    /**
     * A store whose contents are its own but whose bytes are kept once in {@code shared} with the
     * other stores given the same map (a simulation of many nodes in one process: each node still
     * holds only the blobs it stored, and a 20-round run does not keep every blob once per node).
     */
    public InMemoryBlobStore(long maxBlobBytes, Map<Hash, byte[]> shared) {
        if (maxBlobBytes <= 0) {
            throw new IllegalArgumentException("max blob size must be positive, got " + maxBlobBytes);
        }
        this.maxBlobBytes = maxBlobBytes;
        this.shared = shared;
    }

    @Override
    public Hash put(byte[] bytes) throws IOException {
        if (bytes.length > maxBlobBytes) {
            throw new BlobTooLargeException(maxBlobBytes);
        }
        Hash hash = Hash.sha256(bytes);
        if (!blobs.containsKey(hash)) {
            blobs.putIfAbsent(hash, shared.computeIfAbsent(hash, h -> bytes.clone()));
        }
        return hash;
    }

    @Override
    public Hash put(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBlobBytes + 1));
        return put(bytes);
    }

    @Override
    public Optional<byte[]> get(Hash hash) throws IOException {
        Optional<byte[]> read = getUnverified(hash);
        if (read.isPresent()) {
            Hash actual = Hash.sha256(read.get());
            if (!actual.equals(hash)) {
                throw new CorruptBlobException("in-memory blob " + hash.toHex(), hash, actual);
            }
        }
        return read;
    }

    @Override
    public Optional<byte[]> getUnverified(Hash hash) {
        byte[] bytes = blobs.get(hash);
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    @Override
    public boolean contains(Hash hash) {
        return blobs.containsKey(hash);
    }

    @Override
    public boolean delete(Hash hash) {
        return blobs.remove(hash) != null;
    }

    @Override
    public List<Hash> verifyAll() {
        List<Hash> damaged = new ArrayList<>();
        blobs.forEach((hash, bytes) -> {
            if (!Hash.sha256(bytes).equals(hash)) {
                damaged.add(hash);
            }
        });
        damaged.sort(null);
        return damaged;
    }

    @Override
    public long maxBlobBytes() {
        return maxBlobBytes;
    }

    /** Test hook: overwrites the stored bytes of {@code hash} without renaming, as disk damage would. */
    public void corruptForTest(Hash hash, byte[] bytes) {
        blobs.put(hash, bytes.clone());
    }

    @Override
    public void close() {
        blobs.clear();
    }
}
