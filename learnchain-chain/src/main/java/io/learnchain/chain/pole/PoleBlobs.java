package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.Optional;

/** Loads and checks the blobs a pole block depends on, turning each failure into its verdict. */
final class PoleBlobs {
    sealed interface Result<T> {}

    record Loaded<T>(T value) implements Result<T> {}

    record Failed<T>(Verdict verdict) implements Result<T> {}

    private PoleBlobs() {}

    /** The model blob: present, within size, hashing to its key, finite, decodable, of {@code spec}. */
    static Result<Model> model(BlobView blobs, Hash hash, ModelSpec spec, long maxBytes) {
        Optional<byte[]> found = blobs.get(hash);
        if (found.isEmpty()) {
            return new Failed<>(PoleVerifier.undecided("model blob " + hash.shortHex() + " is missing: fetch it"));
        }
        byte[] bytes = found.get();
        if (bytes.length > maxBytes) {
            return new Failed<>(PoleVerifier.invalid(
                    InvalidReason.MODEL_TOO_LARGE,
                    "model blob of " + bytes.length + " bytes exceeds the genesis limit of " + maxBytes));
        }
        if (!Hash.sha256(bytes).equals(hash)) {
            return new Failed<>(PoleVerifier.invalid(
                    InvalidReason.MODEL_HASH_MISMATCH,
                    "the model blob hashes to " + Hash.sha256(bytes).shortHex() + ", the block commits "
                            + hash.shortHex()));
        }
        if (Model.hasNonFiniteParameters(bytes)) {
            return new Failed<>(PoleVerifier.invalid(
                    InvalidReason.NAN_WEIGHTS, "model " + hash.shortHex() + " holds NaN or infinite weights"));
        }
        Model model;
        try {
            model = Model.fromCanonicalBytes(bytes);
        } catch (IllegalArgumentException e) {
            return new Failed<>(PoleVerifier.invalid(
                    InvalidReason.MALFORMED_MODEL, "model " + hash.shortHex() + " does not decode: " + e.getMessage()));
        }
        if (!model.spec().equals(spec)) {
            return new Failed<>(PoleVerifier.invalid(
                    InvalidReason.WRONG_MODEL_SPEC,
                    "the model is '" + model.spec() + "', the task asks for '" + spec + "'"));
        }
        return new Loaded<>(model);
    }

    /** A task data set (training set or shard), compatible with {@code spec}. */
    static Result<Dataset> dataset(BlobView blobs, Hash hash, ModelSpec spec, String what) {
        Optional<Dataset> found;
        try {
            found = blobs.dataset(hash);
        } catch (IllegalArgumentException e) {
            return new Failed<>(PoleVerifier.invalid(
                    InvalidReason.BAD_TASK_DATA,
                    what + " " + hash.shortHex() + " is not a data set: " + e.getMessage()));
        }
        if (found.isEmpty()) {
            return new Failed<>(PoleVerifier.undecided(what + " blob " + hash.shortHex() + " is missing: fetch it"));
        }
        Dataset data = found.get();
        if (data.sampleSize() != spec.layout().input().size() || data.classes() != spec.outputSize()) {
            return new Failed<>(PoleVerifier.invalid(
                    InvalidReason.BAD_TASK_DATA,
                    what + " " + hash.shortHex()
                            + " has samples of " + data.sampleSize() + " values and " + data.classes()
                            + " classes; the task's model reads "
                            + spec.layout().input().size() + " and outputs "
                            + spec.outputSize()));
        }
        return new Loaded<>(data);
    }
}
