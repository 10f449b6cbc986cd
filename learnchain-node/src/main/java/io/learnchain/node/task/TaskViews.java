package io.learnchain.node.task;

import io.learnchain.base.Amount;
import io.learnchain.chain.privacy.ProjectionSpec;
import java.util.List;

/**
 * What the node tells about tasks ({@code /api/v1/tasks}): plain records of strings and numbers,
 * serialised as they are. Hashes are lower-case hex, amounts {@link Coins}, accuracies 0..1.
 */
public final class TaskViews {
    private TaskViews() {}

    /** An amount as a decimal coin string and an integer unit string (no client loses precision). */
    public record Coins(String coins, String units) {
        static Coins of(Amount amount) {
            return new Coins(amount.toString(), Long.toString(amount.units()));
        }
    }

    /** The answer to a post: the PostTask transaction (pending until a block includes it) and the escrow. */
    public record Posted(
            String tx,
            String requester,
            String model,
            String dataset,
            String dataOrigin,
            int rounds,
            Coins rewardPerRound,
            Coins escrow,
            String trainingSet,
            List<String> shardHashes) {}

    /**
     * The answer to a cancel: {@code state} "submitted" (the CancelTask {@code tx} is pending until a
     * block includes it) or "waiting" ({@code detail} says for what; the node signs it then).
     */
    public record Cancelling(long taskId, String state, String tx, String detail) {}

    /**
     * One task in a list. {@code status}: pending (posted here, not yet in a block), open (no round
     * decided yet), running, or finished ({@code closedAs}: FINISHED, CANCELLED or CLOSED_FORFEITED).
     * {@code id} is 0 while pending.
     */
    public record Summary(
            long id,
            String status,
            String closedAs,
            String requester,
            boolean mine,
            String model,
            String dataset,
            int rounds,
            int roundsDone,
            int forfeits,
            Coins rewardPerRound,
            Coins escrow,
            Long postedHeight,
            String tx) {}

    /** The terms as posted; {@code privacy} null for a training set in the clear. */
    public record Terms(
            String modelSpec,
            String trainingSet,
            int minTrainingAccuracyBp,
            int rounds,
            Coins rewardPerRound,
            long expectedSeconds,
            long minPhaseSeconds,
            long maxPhaseSeconds,
            List<String> shardHashes,
            Privacy privacy) {}

    /**
     * A private task's encryption (PROTOCOL.md 3.9): samples of {@code height} x {@code width} values
     * pooled {@code pool} x {@code pool} and quantized to 0..{@code levels}, {@code k} projections a
     * round with weights in -{@code weightRange}..{@code weightRange}.
     */
    public record Privacy(int height, int width, int pool, int levels, int k, int weightRange) {
        static Privacy of(ProjectionSpec p) {
            return new Privacy(
                    p.input().height(),
                    p.input().width(),
                    p.input().pool(),
                    p.input().levels(),
                    p.width(),
                    p.weightRange());
        }
    }

    /**
     * A candidate of a round as this node saw it; {@code outcome}: "won", "rejected: REASON", or
     * "not chosen" (its claim was lower than the winner's, or it arrived after the decision).
     */
    public record Candidate(String block, String miner, long claimedScore, String outcome) {}

    /**
     * A decided round. {@code kind} "pole" (won: winner, model, scores) or "forfeit" (the requester
     * did not reveal in time). {@code verifiedScore} is what every node re-computed on connecting the
     * block (equal to the claim, or the block would be invalid); {@code accuracy} = score / shard size.
     * {@code modelHash} is the model as mined (in the round's label space). {@code testAccuracy}: the
     * delivered model (in the requester's labels) on the task's whole test set of {@code testSamples}
     * (every shard); null where this node does not hold every shard, or has not scored it yet.
     */
    public record Round(
            int round,
            long height,
            String block,
            String parent,
            String kind,
            String winner,
            String modelHash,
            String trainingRecordHash,
            Integer shardIndex,
            Integer shardSize,
            Long claimedScore,
            Long verifiedScore,
            Double accuracy,
            Integer evaluations,
            List<Candidate> candidates,
            Long revealedAtMillis,
            Double testAccuracy,
            Integer testSamples) {}

    /**
     * Which round's model a download gives and why. {@code rule}: "best-test-accuracy", "latest"
     * (this node cannot rank the rounds), "requested" (a round was named) or "none" (no round won;
     * {@code round} null).
     */
    public record Delivery(Integer round, String rule, String reason) {}

    /** {@code latestModel}: the latest winner's model hash as mined; {@code delivery}: what a download gives. */
    public record Detail(Summary summary, Terms terms, List<Round> rounds, String latestModel, Delivery delivery) {}
}
