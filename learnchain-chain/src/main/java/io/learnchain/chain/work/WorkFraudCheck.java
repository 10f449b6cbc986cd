package io.learnchain.chain.work;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.WorkProof;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.HeldReward;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Checkpoint;
import java.util.Optional;

/**
 * The consensus check of a {@link WorkFraud} (PROTOCOL.md 3.8): the task holds a reward for a
 * block at that height whose work claim is the proof's record and checkpoint leaves; the opened
 * checkpoint is committed leaf {@code segment}; and the segment replayed from it on the round's
 * relabelled training set does not reach leaf {@code segment + 1}. Costs one segment. Against a
 * private task's round (PROTOCOL.md 3.9) the proof carries the round's k functional keys: they must
 * open the round's rows under the encrypted blob's master public key, and the segment is replayed on
 * the blob decrypted with them (through {@link BlobView#derived}, so a node decrypts a round once).
 */
public final class WorkFraudCheck {
    /** What a proof refutes, or why it does not. */
    public sealed interface Outcome {
        /** The proof holds: {@code entry} was paid for false work. */
        record Proven(HeldReward entry) implements Outcome {}

        record NotProven(TxResult.Rejected why) implements Outcome {}
    }

    private WorkFraudCheck() {}

    public static Outcome check(TaskState task, WorkFraud f, BlobView blobs, ComputePool pool) {
        Optional<HeldReward> held =
                task.held().stream().filter(e -> e.height().equals(f.height())).findFirst();
        if (held.isEmpty()) {
            return no(
                    InvalidReason.NO_HELD_REWARD,
                    "task " + task.id() + " holds no payout of a block at height " + f.height()
                            + " (never won there, already paid, or already refuted)");
        }
        HeldReward entry = held.get();
        if (!WorkProof.claimHash(f.record(), f.checkpoints()).equals(entry.claimHash())) {
            return no(
                    InvalidReason.FRAUD_NOT_PROVEN,
                    "the record and checkpoints are not the work the block at height " + f.height() + " committed");
        }
        Optional<String> keyCount =
                PrivateTrainingSet.keyCountProblem(task.terms(), f.roundKeys().size(), "the proof");
        if (keyCount.isPresent()) {
            return no(InvalidReason.BAD_ROUND_KEYS, keyCount.get());
        }
        Optional<byte[]> opening = blobs.get(f.opening());
        if (opening.isEmpty()) {
            return no(
                    InvalidReason.FRAUD_NOT_PROVEN,
                    "the opened checkpoint " + f.opening().shortHex() + " is not here");
        }
        ModelSpec spec = ModelSpec.parse(task.terms().modelSpec());
        Checkpoint from;
        try {
            if (!Hash.sha256(opening.get()).equals(f.opening())) {
                throw new CodecException(
                        "the blob does not hash to " + f.opening().shortHex());
            }
            from = Checkpoint.decode(opening.get(), spec, f.record().optimizer());
        } catch (CodecException e) {
            return no(InvalidReason.FRAUD_NOT_PROVEN, "the opened checkpoint: " + e.getMessage());
        }
        if (!from.leaf().equals(f.checkpoints().get(f.segment()))) {
            return no(
                    InvalidReason.FRAUD_NOT_PROVEN,
                    "the opened checkpoint is not committed checkpoint " + f.segment() + " of the block");
        }
        Dataset train;
        switch (trainingSet(task, entry, f, spec, blobs, pool)) {
            case Training.Ready r -> train = r.data();
            case Training.Refused r -> {
                return r.outcome();
            }
        }
        if (f.record().batchSize() > train.count()) {
            return new Outcome.Proven(entry); // no honest run of this record exists at all
        }
        Dataset relabelled = SecureMappingLayer.ofRound(entry.previous(), task.id(), spec.outputSize())
                .relabel(train);
        Hash reached = SegmentReplay.nextLeaf(pool, spec, f.record(), relabelled, from, f.segment());
        return reached.equals(f.checkpoints().get(f.segment() + 1))
                ? no(
                        InvalidReason.FRAUD_NOT_PROVEN,
                        "segment " + f.segment() + " replays to its committed checkpoint: the work holds there")
                : new Outcome.Proven(entry);
    }

    /** The held round's training set, before the label permutation, or why the proof fails without it. */
    private sealed interface Training {
        record Ready(Dataset data) implements Training {}

        record Refused(Outcome outcome) implements Training {}
    }

    /**
     * A task in the clear: its training set blob. A private task: the encrypted blob decrypted with
     * the proof's keys, which must be the held round's (its rows are drawn from the round key, H(the
     * block's parent, task id), and only their keys pass the check under the blob's master public
     * key, so no state records them).
     */
    private static Training trainingSet(
            TaskState task, HeldReward entry, WorkFraud f, ModelSpec spec, BlobView blobs, ComputePool pool) {
        if (!task.terms().isPrivate()) {
            Optional<Dataset> train = blobs.dataset(task.terms().trainingSet());
            return train.isPresent()
                    ? new Training.Ready(train.get())
                    : new Training.Refused(no(
                            InvalidReason.FRAUD_NOT_PROVEN,
                            "the task's training set "
                                    + task.terms().trainingSet().shortHex() + " is not here"));
        }
        Hash roundKey = SecureMappingLayer.roundKey(entry.previous(), task.id());
        String name = "task " + task.id() + " round on " + entry.previous().shortHex();
        return switch (PrivateTrainingSet.decrypt(
                blobs, task.terms(), spec.outputSize(), roundKey, f.roundKeys(), "the proof's", name, pool)) {
            case PrivateTrainingSet.Result.Decrypted d -> new Training.Ready(d.data());
            case PrivateTrainingSet.Result.Failed(Verdict.Invalid i) ->
                new Training.Refused(no(i.reason(), i.detail()));
            case PrivateTrainingSet.Result.Failed(Verdict v) ->
                new Training.Refused(no(
                        InvalidReason.FRAUD_NOT_PROVEN,
                        "the task's encrypted training set "
                                + task.terms().trainingSet().shortHex() + " is not here"));
        };
    }

    private static Outcome no(InvalidReason reason, String detail) {
        return new Outcome.NotProven(new TxResult.Rejected(reason, detail));
    }
}
