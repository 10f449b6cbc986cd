package io.learnchain.chain.work;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.WorkProof;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.TxResult;
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
 * relabelled training set does not reach leaf {@code segment + 1}. Costs one segment.
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
        if (task.terms().isPrivate()) {
            // The replay needs the held round's decrypted features, so its keys: not built yet (PROTOCOL.md 3.9).
            return no(
                    InvalidReason.FRAUD_NOT_PROVEN,
                    "task " + task.id() + " is private: fraud proofs against its rounds are not supported yet");
        }
        Optional<byte[]> opening = blobs.get(f.opening());
        Optional<Dataset> train = blobs.dataset(task.terms().trainingSet());
        if (opening.isEmpty() || train.isEmpty()) {
            return no(
                    InvalidReason.FRAUD_NOT_PROVEN,
                    "the opened checkpoint " + f.opening().shortHex() + " or the task's training set is not here");
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
        if (f.record().batchSize() > train.get().count()) {
            return new Outcome.Proven(entry); // no honest run of this record exists at all
        }
        Dataset relabelled = SecureMappingLayer.ofRound(entry.previous(), task.id(), spec.outputSize())
                .relabel(train.get());
        Hash reached = SegmentReplay.nextLeaf(pool, spec, f.record(), relabelled, from, f.segment());
        return reached.equals(f.checkpoints().get(f.segment() + 1))
                ? no(
                        InvalidReason.FRAUD_NOT_PROVEN,
                        "segment " + f.segment() + " replays to its committed checkpoint: the work holds there")
                : new Outcome.Proven(entry);
    }

    private static Outcome no(InvalidReason reason, String detail) {
        return new Outcome.NotProven(new TxResult.Rejected(reason, detail));
    }
}
