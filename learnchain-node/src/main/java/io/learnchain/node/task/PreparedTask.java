package io.learnchain.node.task;

import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.tx.PostTask;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task ready to post: its terms, the training set blob the terms name and the test shards, in
 * the terms' order, plus where the data came from (for the journal and the model metadata). A
 * private task's training blob is encrypted; {@code masterKey} is the key it was encrypted under,
 * which stays with the data node (it derives each round's functional keys from it).
 */
public record PreparedTask(
        PostTask terms,
        byte[] trainingBlob,
        List<byte[]> shards,
        String model,
        String dataset,
        String dataOrigin,
        int testSamples,
        Optional<MasterSecretKey> masterKey) {
    public PreparedTask {
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.isPresent() != terms.isPrivate()) {
            throw new IllegalArgumentException("a private task needs its master key, a task in the clear has none");
        }
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(trainingBlob, "trainingBlob");
        shards = List.copyOf(shards);
        if (shards.size() != terms.shardHashes().size()) {
            throw new IllegalArgumentException(
                    "the terms name " + terms.shardHashes().size() + " shards, " + shards.size() + " were prepared");
        }
    }
}
