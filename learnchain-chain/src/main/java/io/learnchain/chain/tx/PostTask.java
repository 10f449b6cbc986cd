package io.learnchain.chain.tx;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.learn.model.ModelSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

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
        List<Hash> shardHashes)
        implements Payload {
    public static final int TAG = 2;
    public static final int MAX_SPEC_BYTES = 1024;
    public static final int MAX_SHARDS = 64;

    public PostTask {
        Objects.requireNonNull(modelSpec, "modelSpec");
        Objects.requireNonNull(trainingSet, "trainingSet");
        Objects.requireNonNull(rewardPerRound, "rewardPerRound");
        shardHashes = List.copyOf(shardHashes);
        if (modelSpec.length() > MAX_SPEC_BYTES) {
            throw new IllegalArgumentException("model spec text is longer than " + MAX_SPEC_BYTES + " characters");
        }
        String canonical = ModelSpec.parse(modelSpec).text();
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
    }

    /** rounds x rewardPerRound; throws {@link ArithmeticException} on overflow. */
    public Amount escrow() {
        return rewardPerRound.multiply(rounds);
    }

    @Override
    public int tag() {
        return TAG;
    }
}
