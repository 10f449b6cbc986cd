package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
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

    static BlobView of(Map<Hash, byte[]> blobs) {
        Map<Hash, byte[]> copy = Map.copyOf(blobs);
        return hash -> Optional.ofNullable(copy.get(hash));
    }
}
