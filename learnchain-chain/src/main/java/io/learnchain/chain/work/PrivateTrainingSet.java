package io.learnchain.chain.work;

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
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import java.util.List;
import java.util.Optional;

/**
 * A private task's training set for one round (PROTOCOL.md 3.9), as every node computes it: the
 * encrypted blob's samples decrypted with the round's k functional keys, k features a sample, before
 * the secure mapping layer's label permutation (the caller applies it, as for a task in the clear).
 * The block check and the replay (keys from the round's reveal) and the fraud check (keys from the
 * proof) all go through here, and through {@link BlobView#derived}, so a node that caches derived
 * data sets decrypts a round once.
 */
public final class PrivateTrainingSet {
    /** The round's training set, or the verdict that stands instead. */
    public sealed interface Result {
        record Decrypted(Dataset data) implements Result {}

        /** Missing blob: {@link Verdict.Undecided}; anything else: {@link Verdict.Invalid}. */
        record Failed(Verdict verdict) implements Result {}
    }

    private PrivateTrainingSet() {}

    /**
     * What is wrong with {@code carried} round keys for {@code terms}, checked without blobs (whether
     * they are the round's keys needs the master public key, in the training blob: {@link #decrypt}):
     * a task in the clear takes none, a private task exactly k. Empty when the count fits;
     * {@code carrier} names what carries them in the detail ("the reveal", "the proof").
     */
    public static Optional<String> keyCountProblem(PostTask terms, int carried, String carrier) {
        if (terms.privacy().isEmpty()) {
            return carried == 0
                    ? Optional.empty()
                    : Optional.of(
                            carrier + " carries " + carried + " round keys; the task's training set is in the clear");
        }
        int k = terms.privacy().get().width();
        return carried == k
                ? Optional.empty()
                : Optional.of(carrier + " carries " + carried + " round keys; the private task's layer has k = " + k
                        + " rows");
    }

    /**
     * The training set of the private task {@code terms} for the round of {@code roundKey}: the
     * encrypted blob must be here (else undecided), decode, be quantized as the task says and hold
     * {@code classes} classes ({@code BAD_TASK_DATA}); {@code keys} must be the round's rows' keys
     * under its master public key ({@code BAD_ROUND_KEYS}; {@code whose} names them in the detail,
     * e.g. "the reveal's"); then every sample decrypts within the bound ({@code BAD_TASK_DATA}).
     */
    public static Result decrypt(
            BlobView blobs,
            PostTask terms,
            int classes,
            Hash roundKey,
            List<FunctionalKey> keys,
            String whose,
            String name,
            ComputePool pool) {
        ProjectionSpec projection = terms.privacy().orElseThrow();
        Hash hash = terms.trainingSet();
        Optional<byte[]> bytes = blobs.get(hash);
        if (bytes.isEmpty()) {
            return new Result.Failed(new Verdict.Undecided(
                    UndecidedReason.MISSING_DATA,
                    "encrypted training set blob " + hash.shortHex() + " is missing: fetch it"));
        }
        EncryptedDataset data;
        try {
            data = EncryptedDataset.decode(bytes.get());
        } catch (CodecException | IllegalArgumentException e) {
            return invalid(
                    InvalidReason.BAD_TASK_DATA,
                    "training set " + hash.shortHex() + " is not an encrypted data set: " + e.getMessage());
        }
        if (!data.quantizer().equals(projection.input()) || data.classes() != classes) {
            return invalid(
                    InvalidReason.BAD_TASK_DATA,
                    "training set " + hash.shortHex() + " was quantized as " + data.quantizer() + " with "
                            + data.classes() + " classes; the task says " + projection.input() + " and its model"
                            + " outputs " + classes);
        }
        if (!RoundFeatures.keysMatch(projection, data.publicKey(), roundKey, keys)) {
            return invalid(
                    InvalidReason.BAD_ROUND_KEYS,
                    whose + " round keys are not the functional keys of the round's " + projection.width()
                            + " rows under the task's master public key");
        }
        try {
            return new Result.Decrypted(blobs.derived(
                    RoundFeatures.cacheKey(hash, roundKey),
                    () -> RoundFeatures.decrypt(
                            data,
                            projection,
                            roundKey,
                            keys,
                            BoundedDiscreteLog.forBound(projection.bound()),
                            name,
                            pool)));
        } catch (InnerProductOutOfBoundException | IllegalArgumentException e) {
            return invalid(
                    InvalidReason.BAD_TASK_DATA,
                    "training set " + hash.shortHex() + " does not decrypt: " + e.getMessage());
        }
    }

    private static Result invalid(InvalidReason reason, String detail) {
        return new Result.Failed(new Verdict.Invalid(reason, detail));
    }
}
