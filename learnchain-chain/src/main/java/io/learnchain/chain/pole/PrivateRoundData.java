package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.work.PrivateTrainingSet;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.ModelSpec;
import java.util.List;
import java.util.Optional;

/**
 * The data of a private task's round (PROTOCOL.md 3.9) as every node computes it: the training set
 * is the encrypted blob's samples decrypted with the round's keys (k features each), the test shard
 * (in the clear) is projected with the same integer rows. Both come out bit for bit as {@link
 * ProjectionSpec#project} of the clear data; the secure mapping layer's label permutation is
 * applied by the caller as for a task in the clear. Failures are {@link PoleBlobs} results.
 */
final class PrivateRoundData {
    private PrivateRoundData() {}

    /**
     * The reveal's keys, without blobs: none for a task in the clear, k for a private task (whether
     * they are the round's keys needs the master public key, in the training blob: {@link #trainingSet}).
     */
    static Optional<Verdict> checkKeyCount(PostTask terms, RevealShard reveal) {
        return PrivateTrainingSet.keyCountProblem(terms, reveal.roundKeys().size(), "the reveal")
                .map(detail -> PoleVerifier.invalid(InvalidReason.BAD_ROUND_KEYS, detail));
    }

    /**
     * The round's training set, k features a sample, before the label permutation: the blob decrypted
     * with the reveal's {@code keys} once they check, through {@link BlobView#derived} (a node caches
     * it, so a round's candidates share one decryption): {@link PrivateTrainingSet#decrypt}.
     */
    static PoleBlobs.Result<Dataset> trainingSet(
            BlobView blobs, Round.Learning round, List<FunctionalKey> keys, ModelSpec spec, ComputePool pool) {
        String name = "task " + round.taskId() + " round on " + round.previous().shortHex();
        return switch (PrivateTrainingSet.decrypt(
                blobs, round.task().terms(), spec.outputSize(), round.roundKey(), keys, "the reveal's", name, pool)) {
            case PrivateTrainingSet.Result.Decrypted d -> new PoleBlobs.Loaded<>(d.data());
            case PrivateTrainingSet.Result.Failed f -> new PoleBlobs.Failed<>(f.verdict());
        };
    }

    /** The round's test shard (in the clear, of the quantizer's input size) projected with the round's rows. */
    static PoleBlobs.Result<Dataset> testShard(BlobView blobs, Round.Learning round, ModelSpec spec) {
        ProjectionSpec projection = round.task().terms().privacy().orElseThrow();
        Hash hash = round.shardHash();
        Optional<Dataset> found;
        try {
            found = blobs.dataset(hash);
        } catch (IllegalArgumentException e) {
            return new PoleBlobs.Failed<>(PoleVerifier.invalid(
                    InvalidReason.BAD_TASK_DATA,
                    "test shard " + hash.shortHex() + " is not a data set: " + e.getMessage()));
        }
        if (found.isEmpty()) {
            return new PoleBlobs.Failed<>(
                    PoleVerifier.undecided("test shard blob " + hash.shortHex() + " is missing: fetch it"));
        }
        Dataset shard = found.get();
        if (shard.sampleSize() != projection.input().inputSize() || shard.classes() != spec.outputSize()) {
            return new PoleBlobs.Failed<>(PoleVerifier.invalid(
                    InvalidReason.BAD_TASK_DATA,
                    "test shard " + hash.shortHex() + " has samples of " + shard.sampleSize() + " values and "
                            + shard.classes() + " classes; the private task quantizes "
                            + projection.input().inputSize() + " and its model outputs " + spec.outputSize()));
        }
        return new PoleBlobs.Loaded<>(projection.project(shard, projection.weights(round.roundKey())));
    }
}
