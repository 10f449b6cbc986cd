package io.learnchain.node.task;

import io.learnchain.chain.tx.PostTask;
import java.util.List;
import java.util.Objects;

/**
 * A task ready to post: its terms, the training set blob the terms name and the test shards, in
 * the terms' order, plus where the data came from (for the journal and the model metadata).
 */
public record PreparedTask(
        PostTask terms,
        byte[] trainingBlob,
        List<byte[]> shards,
        String model,
        String dataset,
        String dataOrigin,
        int testSamples) {
    public PreparedTask {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(trainingBlob, "trainingBlob");
        shards = List.copyOf(shards);
        if (shards.size() != terms.shardHashes().size()) {
            throw new IllegalArgumentException(
                    "the terms name " + terms.shardHashes().size() + " shards, " + shards.size() + " were prepared");
        }
    }
}
