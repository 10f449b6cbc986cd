package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.privacy.BoundedDiscreteLog;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InnerProductOutOfBoundException;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
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
     * they are the round's keys needs the master public key, in the training blob: {@link #keys}).
     */
    static Optional<Verdict> checkKeyCount(PostTask terms, RevealShard reveal) {
        int carried = reveal.roundKeys().size();
        if (terms.privacy().isEmpty()) {
            return carried == 0
                    ? Optional.empty()
                    : Optional.of(PoleVerifier.invalid(
                            InvalidReason.BAD_ROUND_KEYS,
                            "the reveal carries " + carried + " round keys; the task's training set is in the clear"));
        }
        int k = terms.privacy().get().width();
        if (carried != k) {
            return Optional.of(PoleVerifier.invalid(
                    InvalidReason.BAD_ROUND_KEYS,
                    "the reveal carries " + carried + " round keys; the private task's layer has k = " + k + " rows"));
        }
        return Optional.empty();
    }

    /** The task's encrypted training blob: present, decodable, quantized as the task says, of the model's classes. */
    static PoleBlobs.Result<EncryptedDataset> encrypted(BlobView blobs, PostTask terms, ModelSpec spec) {
        ProjectionSpec projection = terms.privacy().orElseThrow();
        Hash hash = terms.trainingSet();
        Optional<byte[]> bytes = blobs.get(hash);
        if (bytes.isEmpty()) {
            return new PoleBlobs.Failed<>(
                    PoleVerifier.undecided("encrypted training set blob " + hash.shortHex() + " is missing: fetch it"));
        }
        EncryptedDataset data;
        try {
            data = EncryptedDataset.decode(bytes.get());
        } catch (CodecException | IllegalArgumentException e) {
            return new PoleBlobs.Failed<>(PoleVerifier.invalid(
                    InvalidReason.BAD_TASK_DATA,
                    "training set " + hash.shortHex() + " is not an encrypted data set: " + e.getMessage()));
        }
        if (!data.quantizer().equals(projection.input()) || data.classes() != spec.outputSize()) {
            return new PoleBlobs.Failed<>(PoleVerifier.invalid(
                    InvalidReason.BAD_TASK_DATA,
                    "training set " + hash.shortHex() + " was quantized as " + data.quantizer() + " with "
                            + data.classes() + " classes; the task says " + projection.input() + " and its model"
                            + " outputs " + spec.outputSize()));
        }
        return new PoleBlobs.Loaded<>(data);
    }

    /** Whether {@code keys} are the round's: g^{sk_j} == prod h_i^{y_ji} for each row j under the blob's key. */
    static Optional<Verdict> keys(
            EncryptedDataset data, ProjectionSpec projection, Hash roundKey, List<FunctionalKey> keys) {
        if (!RoundFeatures.keysMatch(projection, data.publicKey(), roundKey, keys)) {
            return Optional.of(PoleVerifier.invalid(
                    InvalidReason.BAD_ROUND_KEYS,
                    "the reveal's round keys are not the functional keys of the round's " + projection.width()
                            + " rows under the task's master public key"));
        }
        return Optional.empty();
    }

    /**
     * The round's training set, k features a sample, before the label permutation: the blob decrypted
     * with {@code keys} once they check, through {@link BlobView#derived} (a node caches it, so a
     * round's candidates share one decryption).
     */
    static PoleBlobs.Result<Dataset> trainingSet(
            BlobView blobs, Round.Learning round, List<FunctionalKey> keys, ModelSpec spec, ComputePool pool) {
        PostTask terms = round.task().terms();
        ProjectionSpec projection = terms.privacy().orElseThrow();
        var loaded = encrypted(blobs, terms, spec);
        if (loaded instanceof PoleBlobs.Failed<EncryptedDataset> f) {
            return new PoleBlobs.Failed<>(f.verdict());
        }
        EncryptedDataset data = ((PoleBlobs.Loaded<EncryptedDataset>) loaded).value();
        Optional<Verdict> bad = keys(data, projection, round.roundKey(), keys);
        if (bad.isPresent()) {
            return new PoleBlobs.Failed<>(bad.get());
        }
        Hash key = RoundFeatures.cacheKey(terms.trainingSet(), round.roundKey());
        String name = "task " + round.taskId() + " round on " + round.previous().shortHex();
        try {
            return new PoleBlobs.Loaded<>(blobs.derived(
                    key,
                    () -> RoundFeatures.decrypt(
                            data,
                            projection,
                            round.roundKey(),
                            keys,
                            BoundedDiscreteLog.forBound(projection.bound()),
                            name,
                            pool)));
        } catch (InnerProductOutOfBoundException | IllegalArgumentException e) {
            return new PoleBlobs.Failed<>(PoleVerifier.invalid(
                    InvalidReason.BAD_TASK_DATA,
                    "training set " + terms.trainingSet().shortHex() + " does not decrypt: " + e.getMessage()));
        }
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
