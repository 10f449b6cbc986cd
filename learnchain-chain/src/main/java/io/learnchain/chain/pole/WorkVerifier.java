package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.block.WorkProof;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.work.SegmentReplay;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.WorkSegments;
import java.util.Optional;

/**
 * The work check every node runs on every pole block (PROTOCOL.md 3.7): checkpoint 0 is the
 * record's start with a zero optimizer state; checkpoint K is the committed model; and each
 * challenged segment, resumed from the checkpoint the miner opened for it, reaches the next
 * committed leaf bit for bit. Costs {@code WorkChallenge.count(K) / K} of the training run.
 */
public final class WorkVerifier {
    private WorkVerifier() {}

    /**
     * The verdict against {@code p}'s work, or empty when it holds. {@code train} is the round's
     * relabelled training set, {@code challenge} the block's challenge seed, {@code startHash} the
     * hash of the record's starting model.
     */
    public static Optional<Verdict> check(
            PoleProof p, ModelSpec spec, Dataset train, Hash challenge, Hash startHash, ValidationContext context) {
        TrainingRecord record = p.record();
        WorkProof work = p.work();
        long steps = record.steps();
        int segments = work.segments();
        if (work.openings().size() != WorkChallenge.count(segments)) {
            return Optional.of(PoleVerifier.invalid(
                    InvalidReason.WRONG_WORK_SHAPE,
                    "a record of " + segments + " segments opens " + WorkChallenge.count(segments)
                            + " checkpoints; the block opens " + work.openings().size()));
        }
        if (record.batchSize() > train.count()) {
            return Optional.of(PoleVerifier.invalid(
                    InvalidReason.WRONG_WORK_SHAPE,
                    "the record's batch of " + record.batchSize() + " is larger than the training set of "
                            + train.count()));
        }
        Hash zeroState = Checkpoint.stateHash(
                new float[record.optimizer().stateSlots() * spec.layout().parameterCount()]);
        if (!work.checkpoints().getFirst().equals(Checkpoint.leaf(0, startHash, zeroState))) {
            return Optional.of(PoleVerifier.invalid(
                    InvalidReason.WORK_ENDS_MISMATCH,
                    "checkpoint 0 is not the record's start (model " + startHash.shortHex()
                            + " with a zero optimizer state)"));
        }
        if (!work.checkpoints().getLast().equals(Checkpoint.leaf(steps, p.modelHash(), work.finalStateHash()))) {
            return Optional.of(PoleVerifier.invalid(
                    InvalidReason.WORK_ENDS_MISMATCH,
                    "checkpoint " + segments + " is not the committed model "
                            + p.modelHash().shortHex() + " at step " + steps));
        }
        int[] challenged = WorkChallenge.segments(challenge, segments);
        for (int i = 0; i < challenged.length; i++) {
            int j = challenged[i];
            Hash opening = work.openings().get(i);
            Optional<byte[]> bytes = context.blobs().get(opening);
            if (bytes.isEmpty()) {
                return Optional.of(PoleVerifier.undecided(
                        "checkpoint " + j + " (blob " + opening.shortHex() + ") is missing: fetch it"));
            }
            Checkpoint from;
            try {
                if (!Hash.sha256(bytes.get()).equals(opening)) {
                    throw new CodecException("the blob does not hash to " + opening.shortHex());
                }
                from = Checkpoint.decode(bytes.get(), spec, record.optimizer());
            } catch (CodecException e) {
                return Optional.of(PoleVerifier.invalid(
                        InvalidReason.BAD_WORK_OPENING, "checkpoint " + j + " opening: " + e.getMessage()));
            }
            if (!from.leaf().equals(work.checkpoints().get(j))) {
                return Optional.of(PoleVerifier.invalid(
                        InvalidReason.BAD_WORK_OPENING,
                        "the opened checkpoint " + j + " is not the committed one (step " + from.step() + ", model "
                                + from.model().hash().shortHex() + ")"));
            }
            long to = WorkSegments.boundary(steps, j + 1);
            if (!SegmentReplay.nextLeaf(context.pool(), spec, record, train, from, j)
                    .equals(work.checkpoints().get(j + 1))) {
                return Optional.of(PoleVerifier.invalid(
                        InvalidReason.WORK_SEGMENT_MISMATCH,
                        "segment " + j + " (steps " + from.step() + " to " + to
                                + ") replayed from its opened checkpoint does not reach committed checkpoint "
                                + (j + 1)));
            }
        }
        return Optional.empty();
    }
}
