package io.learnchain.chain.tx;

import io.learnchain.base.Hash;
import java.util.Objects;

/**
 * One commitment a requester received before it revealed its shard, as its reveal lists it
 * (PROTOCOL.md 3.3): the commitment's id and the model hash it commits to. The model hash lets
 * every node find the first listed committer of a model (COPIED_MODEL) from chain data alone.
 */
public record WitnessedCommitment(Hash id, Hash modelHash) {
    /** Encoded size: two hashes. */
    public static final int BYTES = 64;

    public WitnessedCommitment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modelHash, "modelHash");
    }
}
