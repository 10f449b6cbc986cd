package io.learnchain.node.task;

import io.learnchain.base.Amount;
import java.util.Objects;

/**
 * What a data node asks for when it posts a task ({@code POST /api/v1/tasks}, {@code learnchain task post}).
 *
 * @param model a predefined model name ({@code mlp-small}, {@code mlp}, {@code lenet5}, ...) or model spec
 *     text ({@code input 784 | dense 64 | relu | dense 10})
 * @param dataset {@code fashion-mnist} (the full set, when installed) or {@code fashion-mnist-small} (bundled)
 * @param rewardPerRound paid to each round's winner; the escrow is {@code rounds x rewardPerRound}
 * @param rounds rounds (one test shard each: the test set is split into this many shards)
 * @param minTrainingAccuracyBp a solution's minimum training accuracy, basis points
 * @param expectedSeconds expected training time per round (task choice: reward per expected second)
 * @param minPhaseSeconds the reveal waits at least this long after the round's parent block
 * @param maxPhaseSeconds without a reveal for this long the round may be forfeited
 * @param fee the PostTask transaction's fee
 * @param privateData encrypt the training set (PROTOCOL.md 3.9): miners train on k projections a round
 *     and never see a sample; the model must be dense (it reads the k projections)
 */
public record TaskRequest(
        String model,
        String dataset,
        Amount rewardPerRound,
        int rounds,
        int minTrainingAccuracyBp,
        long expectedSeconds,
        long minPhaseSeconds,
        long maxPhaseSeconds,
        Amount fee,
        boolean privateData) {
    public static final long DEFAULT_EXPECTED_SECONDS = 60;
    public static final long DEFAULT_MIN_PHASE_SECONDS = 5;
    public static final long DEFAULT_MAX_PHASE_SECONDS = 600;

    /** A task whose training set is posted in the clear. */
    public TaskRequest(
            String model,
            String dataset,
            Amount rewardPerRound,
            int rounds,
            int minTrainingAccuracyBp,
            long expectedSeconds,
            long minPhaseSeconds,
            long maxPhaseSeconds,
            Amount fee) {
        this(
                model,
                dataset,
                rewardPerRound,
                rounds,
                minTrainingAccuracyBp,
                expectedSeconds,
                minPhaseSeconds,
                maxPhaseSeconds,
                fee,
                false);
    }

    public TaskRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(rewardPerRound, "rewardPerRound");
        Objects.requireNonNull(fee, "fee");
        if (model.isBlank()) {
            throw new IllegalArgumentException("name a model: a predefined name or a model spec text");
        }
        if (rewardPerRound.units() <= 0) {
            throw new IllegalArgumentException("the reward per round must be positive, got " + rewardPerRound);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("a task needs at least one round, got " + rounds);
        }
        if (minTrainingAccuracyBp < 0 || minTrainingAccuracyBp > 10_000) {
            throw new IllegalArgumentException(
                    "the minimum training accuracy is 0..10000 basis points, got " + minTrainingAccuracyBp);
        }
        if (expectedSeconds < 1 || minPhaseSeconds < 0 || maxPhaseSeconds < 1 || minPhaseSeconds > maxPhaseSeconds) {
            throw new IllegalArgumentException("phase times need expectedSeconds >= 1 and 0 <= minPhaseSeconds <= "
                    + "maxPhaseSeconds (>= 1); got " + expectedSeconds + ", " + minPhaseSeconds + ", "
                    + maxPhaseSeconds);
        }
    }
}
