package io.learnchain.chain.rules;

import io.learnchain.base.Hash;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read access to content-addressed blobs (training sets, test shards, model weights) for block
 * verification. The chain never opens files: the node hands in its blob store, tests a map. A
 * missing blob makes a block undecided, never invalid. Implementations must return bytes that
 * hash to the key or nothing.
 */
@FunctionalInterface
public interface BlobView {
    BlobView NONE = hash -> Optional.empty();

    Optional<byte[]> get(Hash hash);

    /**
     * The bytes stored under {@code hash} without hashing them again (a node's store re-hashes on
     * every {@link #get}): for a caller that binds them to a commitment itself and calls {@link #get}
     * when that fails, so that local damage is told apart from a false blob (PROTOCOL.md 3.7).
     */
    default Optional<byte[]> getUnverified(Hash hash) {
        return get(hash);
    }

    /**
     * The data set stored under {@code hash}, decoded; empty when the blob is missing. The bytes
     * are not hashed again: {@link #get} returns only bytes that hash to their key. Decoding a
     * large training set for every candidate is slow: a node overrides this with a cache (decoded
     * data sets are immutable). Throws {@link IllegalArgumentException} for bytes that are not a
     * canonical data set.
     */
    default Optional<Dataset> dataset(Hash hash) {
        return get(hash).map(bytes -> DatasetCodec.decode(bytes, "blob " + hash.shortHex()));
    }

    /**
     * A data set derived from blobs, named by {@code key} (a private round's decrypted training set,
     * PROTOCOL.md 3.9): {@code derive} computes it, and the result must be a pure function of the key,
     * so that a node may cache it and a round's candidates share one computation. This view caches
     * nothing; a node overrides it with a small cache.
     */
    default Dataset derived(Hash key, Supplier<Dataset> derive) {
        return derive.get();
    }

    /**
     * A view of {@code blobs} (tests, tools). It returns what the map holds under a key, so a test
     * can serve bytes that do not hash to their key and see how a verifier that checks them reacts.
     */
    static BlobView of(Map<Hash, byte[]> blobs) {
        Map<Hash, byte[]> copy = Map.copyOf(blobs);
        return hash -> Optional.ofNullable(copy.get(hash));
    }
}
