package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRun;
import io.learnchain.learn.train.TrainingStart;
import java.util.Optional;

/**
 * The {@code replay} verification level (PROTOCOL.md 3.6): re-runs a pole block's training record
 * from its start (a seed, or the task's last winner re-keyed to this round) on the task's
 * training set relabelled by the round's mapping layer, takes every checkpoint on the way, and
 * compares them with the committed ones and the final model hash with the committed model.
 * Bit-exact determinism makes this an equality test, and a mismatch names the first segment that
 * departs (the one a fraud report would open). Costs one training run; {@code maxSteps} bounds
 * what a node is willing to replay.
 */
public final class ReplayVerifier {
    /** What a replay found. */
    public sealed interface Outcome {
        /** The record reproduces the committed model. */
        record Reproduced(Hash modelHash) implements Outcome {}

        /**
         * It does not: the block's proof of learning is false. {@code segment} is the first segment
         * whose replay leaves the committed checkpoints (-1: the start itself differs), and
         * {@code opening} the checkpoint that starts it (the replay reached it, so it is the
         * committed one): with it a {@code WorkFraud} proves the fraud to every node at the cost of
         * one segment.
         */
        record Mismatch(Hash committed, Hash replayed, int segment, Optional<Checkpoint> opening) implements Outcome {
            public Mismatch(Hash committed, Hash replayed, int segment) {
                this(committed, replayed, segment, Optional.empty());
            }
        }

        /** A blob is missing, or the record asks for more steps than this node replays. */
        record NotReplayed(String why) implements Outcome {}

        /** What the replay says against the block: empty when it reproduced the committed model. */
        default Optional<Verdict> verdict() {
            return switch (this) {
                case Reproduced r -> Optional.empty();
                case Mismatch m ->
                    Optional.of(new Verdict.Invalid(
                            InvalidReason.REPLAY_MISMATCH,
                            "re-training gives model " + m.replayed().shortHex() + ", the block commits "
                                    + m.committed().shortHex()
                                    + (m.segment() < 0
                                            ? " (the start differs)"
                                            : " (first departure: segment " + m.segment() + ")")));
                case NotReplayed n -> Optional.of(new Verdict.Undecided(UndecidedReason.MISSING_DATA, n.why()));
            };
        }
    }

    private ReplayVerifier() {}

    /** Replays {@code block} (a pole block on {@code parent}) to the end or the first false segment. */
    public static Outcome replay(
            ChainTip parent, ChainRules rules, Block block, BlobView blobs, ComputePool pool, long maxSteps) {
        return switch (start(parent, rules, block, blobs, pool, maxSteps)) {
            case Start.Done d -> d.outcome();
            case Start.Running r -> {
                Optional<Outcome> out = Optional.empty();
                while (out.isEmpty()) {
                    out = r.run().advance(Long.MAX_VALUE);
                }
                yield out.get();
            }
        };
    }

    /** A replay set up: already decided (missing data, a wrong start), or running. */
    public sealed interface Start {
        record Done(Outcome outcome) implements Start {}

        record Running(ReplayRun run) implements Start {}
    }

    /**
     * Sets up the replay of {@code block} (a pole block on {@code parent}), to be advanced a chunk
     * at a time ({@link ReplayRun#advance}) by a caller with one thread.
     */
    public static Start start(
            ChainTip parent, ChainRules rules, Block block, BlobView blobs, ComputePool pool, long maxSteps) {
        if (!(block.header().proof() instanceof PoleProof p)) {
            throw new IllegalArgumentException("only pole blocks are replayed");
        }
        if (!(RoundDriver.round(parent, rules) instanceof Round.Learning round) || round.taskId() != p.taskId()) {
            throw new IllegalArgumentException("block " + block.header().hash().shortHex()
                    + " is not the learning round of its parent: validate it first");
        }
        if (p.record().steps() > maxSteps) {
            return new Start.Done(new Outcome.NotReplayed("the record trains "
                    + p.record().steps() + " steps, more than the " + maxSteps + " this node replays"));
        }
        TaskState task = round.task();
        ModelSpec spec = ModelSpec.parse(task.terms().modelSpec());
        var training = task.terms().isPrivate()
                ? PrivateRoundData.trainingSet(
                        blobs, round, PoleVerifier.revealOf(block).roundKeys(), spec, pool)
                : PoleBlobs.dataset(blobs, task.terms().trainingSet(), spec, "training set");
        if (training instanceof PoleBlobs.Failed<Dataset> f) {
            return new Start.Done(new Outcome.NotReplayed(((Verdict) f.verdict()).toString()));
        }
        Dataset data = round.sml().relabel(((PoleBlobs.Loaded<Dataset>) training).value());
        Model start = null;
        if (p.record().start() instanceof TrainingStart.FromParent parentStart) {
            var last = PoleBlobs.model(blobs, task.winners().getLast(), spec, Long.MAX_VALUE);
            if (last instanceof PoleBlobs.Failed<Model> f) {
                return new Start.Done(new Outcome.NotReplayed("the last winner's model blob: " + f.verdict()));
            }
            start = Rekey.rekey(
                    ((PoleBlobs.Loaded<Model>) last).value(),
                    new SecureMappingLayer(task.lastRoundKey(), round.sml().classes()),
                    round.sml());
            if (!start.hash().equals(parentStart.modelHash())) {
                return new Start.Done(new Outcome.Mismatch(p.modelHash(), start.hash(), -1));
            }
        }
        if (p.record().batchSize() > data.count()) {
            return new Start.Done(new Outcome.Mismatch(p.modelHash(), p.modelHash(), -1));
        }
        return new Start.Running(new ReplayRun(
                new TrainingRun(
                        pool,
                        new TrainingJob(spec, p.record(), data, InputTransform.IDENTITY, start, TrainingListener.NONE)),
                p));
    }
}
