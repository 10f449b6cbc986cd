package io.learnchain.chain.tx;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.learn.model.ModelSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Posts a learning task (PROTOCOL.md 3.1): the whole reward, {@code rounds x rewardPerRound},
 * moves from the sender into the task's escrow. The metric is accuracy (correct-prediction count)
 * and the data format is the canonical data set encoding (LCDS), so neither needs a field.
 *
 * @param modelSpec canonical model spec text (see {@link ModelSpec#text()})
 * @param trainingSet hash of the training data set blob
 * @param minTrainingAccuracyBp minimum training accuracy of a solution, in basis points (0..10000)
 * @param expectedSeconds expected training time per round; the round's task is the open one with
 *     the highest rewardPerRound / expectedSeconds
 * @param minPhaseSeconds the requester waits at least this long after the parent block before revealing
 * @param maxPhaseSeconds after this long without a reveal the round may be forfeited
 * @param shardHashes hashes of the requester's secret test shards (one is revealed per round)
 * @param privacy present for a private task (PROTOCOL.md 3.9): how samples are quantized and
 *     projected ({@link ProjectionSpec}: quantizer, k, weight range). The training set then names an
 *     encrypted data set blob ({@link io.learnchain.chain.privacy.EncryptedDataset}, which carries the
 *     master public key), the model reads k inputs and the task runs at most {@link
 *     ProjectionSpec#maxRounds()} rounds. The test shards stay in the clear. Encoded as a trailing part
 *     under its own tag ({@link #PRIVATE_TAG}), so a task without it encodes as before.
 */
public record PostTask(
        String modelSpec,
        Hash trainingSet,
        int minTrainingAccuracyBp,
        int rounds,
        Amount rewardPerRound,
        long expectedSeconds,
        long minPhaseSeconds,
        long maxPhaseSeconds,
        List<Hash> shardHashes,
        Optional<ProjectionSpec> privacy)
        implements Payload {
    public static final int TAG = 2;
    /** The tag of a task with a {@link #privacy} part: the same fields, then the part. */
    public static final int PRIVATE_TAG = 6;

    public static final int MAX_SPEC_BYTES = 1024;
    public static final int MAX_SHARDS = 64;

    public PostTask {
        Objects.requireNonNull(modelSpec, "modelSpec");
        Objects.requireNonNull(trainingSet, "trainingSet");
        Objects.requireNonNull(rewardPerRound, "rewardPerRound");
        shardHashes = List.copyOf(shardHashes);
        Objects.requireNonNull(privacy, "privacy");
        if (modelSpec.length() > MAX_SPEC_BYTES) {
            throw new IllegalArgumentException("model spec text is longer than " + MAX_SPEC_BYTES + " characters");
        }
        ModelSpec parsed = ModelSpec.parse(modelSpec);
        String canonical = parsed.text();
        if (!canonical.equals(modelSpec)) {
            throw new IllegalArgumentException(
                    "model spec '" + modelSpec + "' is not canonical; write '" + canonical + "'");
        }
        if (minTrainingAccuracyBp < 0 || minTrainingAccuracyBp > 10_000) {
            throw new IllegalArgumentException(
                    "minimum training accuracy must be 0..10000 basis points, got " + minTrainingAccuracyBp);
        }
        if (shardHashes.isEmpty() || shardHashes.size() > MAX_SHARDS) {
            throw new IllegalArgumentException(
                    "a task needs 1.." + MAX_SHARDS + " test shards, got " + shardHashes.size());
        }
        if (new HashSet<>(shardHashes).size() != shardHashes.size()) {
            throw new IllegalArgumentException("test shard hashes must be distinct");
        }
        if (rounds < 1 || rounds > shardHashes.size()) {
            throw new IllegalArgumentException("rounds must be 1.." + shardHashes.size()
                    + " (each round reveals one unused shard), got " + rounds);
        }
        if (rewardPerRound.units() <= 0) {
            throw new IllegalArgumentException("the reward per round must be positive");
        }
        if (expectedSeconds < 1 || minPhaseSeconds < 0 || maxPhaseSeconds < 1 || minPhaseSeconds > maxPhaseSeconds) {
            throw new IllegalArgumentException("need expectedSeconds >= 1 and 0 <= minPhaseSeconds <= maxPhaseSeconds"
                    + " (>= 1), got " + expectedSeconds + ", " + minPhaseSeconds + ", " + maxPhaseSeconds);
        }
        if (privacy.isPresent()) {
            checkPrivate(parsed, rounds, privacy.get());
        }
    }

    /** A task without a privacy part (the training set in the clear). */
    public PostTask(
            String modelSpec,
            Hash trainingSet,
            int minTrainingAccuracyBp,
            int rounds,
            Amount rewardPerRound,
            long expectedSeconds,
            long minPhaseSeconds,
            long maxPhaseSeconds,
            List<Hash> shardHashes) {
        this(
                modelSpec,
                trainingSet,
                minTrainingAccuracyBp,
                rounds,
                rewardPerRound,
                expectedSeconds,
                minPhaseSeconds,
                maxPhaseSeconds,
                shardHashes,
                Optional.empty());
    }

    private static void checkPrivate(ModelSpec model, int rounds, ProjectionSpec privacy) {
        int inputs = model.layout().input().size();
        if (inputs != privacy.width()) {
            throw new IllegalArgumentException("a private task's model reads the k = " + privacy.width()
                    + " projections of a sample, its spec reads " + inputs + " inputs");
        }
        if (rounds > privacy.maxRounds()) {
            throw new IllegalArgumentException("a private task of n = " + privacy.dimension() + " and k = "
                    + privacy.width() + " runs at most " + privacy.maxRounds() + " rounds (fewer than n / k, so the"
                    + " released keys never determine a sample), got " + rounds);
        }
    }

    /** Whether the training set is encrypted (PROTOCOL.md 3.9). */
    public boolean isPrivate() {
        return privacy.isPresent();
    }

    /** rounds x rewardPerRound; throws {@link ArithmeticException} on overflow. */
    public Amount escrow() {
        return rewardPerRound.multiply(rounds);
    }

    @Override
    public int tag() {
        return privacy.isPresent() ? PRIVATE_TAG : TAG;
    }
}
