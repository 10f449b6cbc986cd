package io.learnchain.chain.rules;

import io.learnchain.base.Hash;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import java.util.Map;
import java.util.Optional;

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
     * The data set stored under {@code hash}, decoded; empty when the blob is missing. Decoding a
     * large training set for every candidate is slow: a node overrides this with a cache (decoded
     * data sets are immutable). Throws {@link IllegalArgumentException} for bytes that are not a
     * canonical data set.
     */
    default Optional<Dataset> dataset(Hash hash) {
        return get(hash)
                .filter(bytes -> Hash.sha256(bytes).equals(hash))
                .map(bytes -> DatasetCodec.decode(bytes, "blob " + hash.shortHex()));
    }

    static BlobView of(Map<Hash, byte[]> blobs) {
        Map<Hash, byte[]> copy = Map.copyOf(blobs);
        return hash -> Optional.ofNullable(copy.get(hash));
    }
}
