package io.learnchain.node.event;

import io.learnchain.base.Hash;
import io.learnchain.chain.rules.InvalidReason;
import java.util.Optional;

/** What a node's pole roles report (the miner's "what am I doing, why did I lose"). */
public sealed interface PoleEvent {
    String node();

    /** A model was trained for the round on {@code parent}. */
    record Trained(
            String node, Hash parent, long taskId, long steps, int trainCorrect, int trainCount, double cpuSeconds)
            implements PoleEvent {}

    /** The model did not reach the task's minimum training accuracy: no commitment. */
    record BelowMinimum(String node, Hash parent, int trainCorrect, int trainCount) implements PoleEvent {}

    record Committed(String node, Hash parent, Hash modelHash) implements PoleEvent {}

    /** The requester revealed the round's shard on {@code parent}. */
    record Revealed(String node, Hash parent, long taskId, int shardIndex) implements PoleEvent {}

    /** The requester released the k functional keys of its private task's round on {@code parent} (PROTOCOL.md 3.9). */
    record KeysReleased(String node, Hash parent, long taskId, int keys) implements PoleEvent {}

    /** A candidate for the round on {@code parent} reached this node (from a peer or its own miner). */
    record CandidateReceived(String node, Hash parent, Hash block, String miner, long claimedScore)
            implements PoleEvent {}

    record CandidateSent(String node, Hash parent, Hash block, long claimedScore) implements PoleEvent {}

    /**
     * This node chose the round's block among {@code candidates}, evaluating {@code evaluations};
     * {@code verifySeconds} is the CPU the decision took (the process's CPU clock, as for training).
     * {@code winner} is empty when no candidate won here: every one was rejected, or the ones left
     * could not be judged yet (their models had not arrived; they connect when they do).
     */
    record RoundDecided(
            String node, Hash parent, Optional<Hash> winner, int candidates, int evaluations, double verifySeconds)
            implements PoleEvent {}

    /** A candidate lost with a typed reason (reported by the node that rejected it). */
    record Rejected(String node, Hash block, String miner, InvalidReason reason) implements PoleEvent {}

    /**
     * This node replayed a won round's whole record ({@code block}, {@code cpuSeconds} of training):
     * {@code falseSegment} is -1 when the work held, else the first segment that departs from the
     * committed checkpoints (a fraud proof was sent).
     */
    record Audited(String node, Hash block, long taskId, int falseSegment, double cpuSeconds) implements PoleEvent {}

    /** An idle (hash work) or forfeit block was sealed; {@code cpuSeconds} of hashing. */
    record Sealed(String node, Hash block, boolean forfeit, double cpuSeconds) implements PoleEvent {}
}
