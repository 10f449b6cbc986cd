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
import io.learnchain.learn.train.TrainingRun;
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

    /** An opened checkpoint bound to its committed leaf, or the verdict of why not. */
    private sealed interface Opened {
        record Bound(Checkpoint checkpoint) implements Opened {}

        record Failed(Verdict verdict) implements Opened {}
    }

    /**
     * Reads the opening {@code blob} of checkpoint {@code j} and binds it to the committed
     * {@code leaf}: the stored bytes are read without hashing them (the leaf binds their content);
     * only when they do not decode to the leaf are they read again through the hashing path, so that
     * a damaged local copy waits for a sound one (undecided) and only a false opening is invalid.
     */
    private static Opened open(
            ValidationContext context, Hash blob, ModelSpec spec, TrainingRecord record, Hash leaf, int j) {
        Optional<byte[]> fast = context.blobs().getUnverified(blob);
        if (fast.isEmpty()) {
            return new Opened.Failed(
                    PoleVerifier.undecided("checkpoint " + j + " (blob " + blob.shortHex() + ") is missing: fetch it"));
        }
        Optional<Checkpoint> bound = bind(fast.get(), spec, record, leaf);
        if (bound.isPresent()) {
            return new Opened.Bound(bound.get());
        }
        Optional<byte[]> checked = context.blobs().get(blob);
        if (checked.isEmpty()) {
            return new Opened.Failed(PoleVerifier.undecided(
                    "checkpoint " + j + " (blob " + blob.shortHex() + ") is damaged here: fetch it again"));
        }
        Checkpoint from;
        try {
            from = Checkpoint.decode(checked.get(), spec, record.optimizer());
        } catch (CodecException e) {
            return new Opened.Failed(PoleVerifier.invalid(
                    InvalidReason.BAD_WORK_OPENING, "checkpoint " + j + " opening: " + e.getMessage()));
        }
        if (!from.leaf().equals(leaf)) {
            return new Opened.Failed(PoleVerifier.invalid(
                    InvalidReason.BAD_WORK_OPENING,
                    "the opened checkpoint " + j + " is not the committed one (step " + from.step() + ", model "
                            + from.model().hash().shortHex() + ")"));
        }
        return new Opened.Bound(from);
    }

    private static Optional<Checkpoint> bind(byte[] bytes, ModelSpec spec, TrainingRecord record, Hash leaf) {
        try {
            Checkpoint c = Checkpoint.decode(bytes, spec, record.optimizer());
            return c.leaf().equals(leaf) ? Optional.of(c) : Optional.empty();
        } catch (CodecException e) {
            return Optional.empty();
        }
    }

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
        Hash zeroState = Checkpoint.zeroStateHash(
                (long) record.optimizer().stateSlots() * spec.layout().parameterCount());
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
        TrainingRun run = null; // one run replays every challenged segment
        for (int i = 0; i < challenged.length; i++) {
            int j = challenged[i];
            Hash opening = work.openings().get(i);
            var opened = open(context, opening, spec, record, work.checkpoints().get(j), j);
            if (opened instanceof Opened.Failed f) {
                return Optional.of(f.verdict());
            }
            Checkpoint from = ((Opened.Bound) opened).checkpoint();
            long to = WorkSegments.boundary(steps, j + 1);
            if (run == null) {
                run = TrainingRun.resume(context.pool(), spec, record, train, from);
            } else {
                run.restartFrom(from);
            }
            if (!SegmentReplay.reach(run, record, j).equals(work.checkpoints().get(j + 1))) {
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
