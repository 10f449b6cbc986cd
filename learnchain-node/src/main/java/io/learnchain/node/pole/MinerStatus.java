package io.learnchain.node.pole;

import io.learnchain.base.Hash;
import java.util.Objects;

/**
 * What a {@link MinerRole} is doing now, as a snapshot for the API ({@code GET /api/v1/miner}).
 *
 * @param phase the current activity
 * @param taskId the task of the current learning round, 0 when none
 * @param parent the tip the miner works on (null before the first tip)
 * @param step optimizer steps done in the current training run
 * @param steps steps the run will take (0 outside training)
 * @param trainCorrect / trainCount training accuracy of the last trained model (0/0 before)
 * @param commitment hash of the model committed on {@code parent}, null when none
 */
public record MinerStatus(
        Phase phase,
        long taskId,
        Hash parent,
        long step,
        long steps,
        int trainCorrect,
        int trainCount,
        Hash commitment) {
    public MinerStatus {
        Objects.requireNonNull(phase, "phase");
    }

    public enum Phase {
        /** Not mining (started with no key, or stopped through the API). */
        STOPPED,
        /** No open task: waiting to seal an idle (hash work) block. */
        IDLE,
        /** Training for the round. */
        TRAINING,
        /** The trained model missed the task's minimum training accuracy: no commitment this round. */
        BELOW_MINIMUM,
        /** The training blob of the task is not here: the miner sits the round out. */
        NO_DATA,
        /** A private task's round: waiting for the requester's key release (PROTOCOL.md 3.9). */
        NO_KEYS,
        /** A private task's round: decrypting the round's features ({@code step} of {@code steps} samples). */
        DECRYPTING,
        /** Committed; waiting for the requester's reveal. */
        COMMITTED,
        /** The reveal does not list this miner's commitment (it reached the requester late): no candidate this round. */
        NOT_LISTED,
        /** The candidate went out; waiting for the round's decision. */
        CANDIDATE_SENT
    }

    static MinerStatus stopped() {
        return new MinerStatus(Phase.STOPPED, 0, null, 0, 0, 0, 0, null);
    }

    MinerStatus with(Phase p) {
        return new MinerStatus(p, taskId, parent, step, steps, trainCorrect, trainCount, commitment);
    }
}
