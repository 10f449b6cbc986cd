package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.learn.train.WorkSegments;
import java.util.List;
import java.util.Optional;

/**
 * The {@code accuracy} verification level of a pole block (PROTOCOL.md 3.4), run by the block
 * processor on every pole block. Checks, cheapest first; the first failure is the verdict:
 * round and task, chosen shard and its committed hash, data-order seed, the reveal transaction
 * (with, for a private task, its k round keys),
 * the commitment signature, the commitment listed in the reveal (first for its model), stale model, the model blob
 * (size, hash, NaN, decoding, spec), the training start, the claimed score recomputed bit-exactly
 * on the revealed shard through the round's mapping layer, the work (the challenged segments
 * replayed from their opened checkpoints, {@link WorkVerifier}), and the minimum training
 * accuracy on the chain-chosen sample ({@link WorkChallenge#accuracySample}). A private task's
 * training set is its encrypted blob decrypted with the reveal's keys, once they check against the
 * task's master public key, and its shard is projected with the round's rows ({@link PrivateRoundData}).
 * A missing blob gives {@link Verdict.Undecided}. Each check returns the verdict of its first
 * failure, or empty when everything holds.
 */
public final class PoleVerifier {
    private PoleVerifier() {}

    /** Header-only rules (no blobs, no body). */
    public static Optional<Verdict> checkHeader(Round round, BlockHeader header, PoleProof p) {
        if (!(round instanceof Round.Learning r) || r.taskId() != p.taskId()) {
            return Optional.of(invalid(
                    InvalidReason.WRONG_ROUND_TASK,
                    "the round on " + header.previous().shortHex() + " is " + describe(round)
                            + ", the block works on task " + p.taskId()));
        }
        if (p.shardIndex() != r.shardIndex()) {
            return Optional.of(invalid(
                    InvalidReason.SHARD_NOT_CHOSEN,
                    "shard " + p.shardIndex() + " claimed, the chain chose " + r.shardIndex()));
        }
        if (!p.shardHash().equals(r.shardHash())) {
            return Optional.of(invalid(
                    InvalidReason.WRONG_SHARD,
                    "shard hash " + p.shardHash().shortHex() + " is not the committed hash "
                            + r.shardHash().shortHex() + " of shard " + r.shardIndex()));
        }
        long seed = TaskRules.dataOrderSeed(header.previous(), header.miner(), p.orderNonce());
        if (p.record().dataOrderSeed() != seed) {
            return Optional.of(invalid(
                    InvalidReason.WRONG_DATA_ORDER_SEED,
                    "the record's data-order seed "
                            + Long.toUnsignedString(p.record().dataOrderSeed()) + " is not H(previous, miner, nonce "
                            + p.orderNonce() + ") = " + Long.toUnsignedString(seed)));
        }
        if (p.record().start() instanceof TrainingStart.FromSeed fromSeed
                && fromSeed.seed() != TaskRules.initSeed(header.previous(), header.miner(), p.orderNonce())) {
            return Optional.of(invalid(
                    InvalidReason.WRONG_TRAINING_START,
                    "the record starts from seed " + Long.toUnsignedString(fromSeed.seed())
                            + ", not H(previous, miner, nonce " + p.orderNonce() + ") = "
                            + Long.toUnsignedString(
                                    TaskRules.initSeed(header.previous(), header.miner(), p.orderNonce()))));
        }
        int segments = WorkSegments.count(p.record().steps());
        if (p.work().segments() != segments) {
            return Optional.of(invalid(
                    InvalidReason.WRONG_WORK_SHAPE,
                    "a record of " + p.record().steps() + " steps commits " + (segments + 1)
                            + " checkpoints; the block has "
                            + p.work().checkpoints().size()));
        }
        if (p.record().start() instanceof TrainingStart.FromParent
                && r.task().winners().isEmpty()) {
            return Optional.of(invalid(
                    InvalidReason.WRONG_TRAINING_START,
                    "task " + r.taskId() + " has no earlier winner to continue from: start from a seed"));
        }
        return Optional.empty();
    }

    /** Body, commitment and model rules: everything but the transactions' own effects. */
    public static Optional<Verdict> checkBlock(
            Round.Learning round,
            Block block,
            PoleProof p,
            WorldState state,
            ChainRules rules,
            ValidationContext context) {
        return checkReveal(round, block.transactions(), p)
                .or(() -> checkCommitment(rules, block, p, revealOf(block)))
                .or(() -> checkStale(state, p.modelHash()))
                .or(() -> checkModel(round, block, p, rules, context));
    }

    static Optional<Verdict> checkReveal(Round.Learning round, List<Transaction> txs, PoleProof p) {
        for (int i = 0; i < txs.size() - 1; i++) {
            if (txs.get(i) instanceof SignedTransaction s && s.body().payload() instanceof RevealShard) {
                return Optional.of(invalid(
                        InvalidReason.UNEXPECTED_REVEAL,
                        "transaction " + i
                                + " reveals a shard; the reveal must be the last transaction of a pole block"));
            }
        }
        if (txs.size() < 2
                || !(txs.getLast() instanceof SignedTransaction s)
                || !(s.body().payload() instanceof RevealShard reveal)) {
            return Optional.of(
                    invalid(InvalidReason.MISSING_REVEAL, "a pole block ends with the requester's RevealShard"));
        }
        if (reveal.taskId() != round.taskId() || !reveal.previous().equals(round.previous())) {
            return Optional.of(invalid(
                    InvalidReason.MISSING_REVEAL,
                    "the reveal is for task " + reveal.taskId() + " on "
                            + reveal.previous().shortHex() + ", not this round's task " + round.taskId() + " on "
                            + round.previous().shortHex()));
        }
        if (reveal.shardIndex() != round.shardIndex()) {
            return Optional.of(invalid(
                    InvalidReason.SHARD_NOT_CHOSEN,
                    "the requester revealed shard " + reveal.shardIndex() + ", the chain chose " + round.shardIndex()));
        }
        if (!reveal.shardHash().equals(round.shardHash()) || !reveal.shardHash().equals(p.shardHash())) {
            return Optional.of(invalid(
                    InvalidReason.WRONG_SHARD,
                    "the revealed shard " + reveal.shardHash().shortHex() + " does not hash to the committed "
                            + round.shardHash().shortHex()));
        }
        return PrivateRoundData.checkKeyCount(round.task().terms(), reveal);
    }

    /** The block's reveal (its last transaction; {@link #checkReveal} has checked that it is one). */
    static RevealShard revealOf(Block block) {
        return (RevealShard)
                ((SignedTransaction) block.transactions().getLast()).body().payload();
    }

    /**
     * The commitment's signature, and its timing and ownership as the requester's reveal lists them
     * (PROTOCOL.md 3.3): the commitment must be among those the requester had received when it
     * signed the reveal, and the first listed committer of the model hash must be this miner.
     */
    static Optional<Verdict> checkCommitment(ChainRules rules, Block block, PoleProof p, RevealShard reveal) {
        Commitment c = Commitment.of(rules.chainId(), block);
        if (!c.verify(p.commitmentSignature())) {
            return Optional.of(invalid(
                    InvalidReason.BAD_COMMITMENT_SIGNATURE,
                    "the commitment signature does not verify for "
                            + "(height " + c.height() + ", previous "
                            + c.previous().shortHex() + ", model "
                            + c.modelHash().shortHex() + ", body root "
                            + c.bodyRoot().shortHex() + ")"));
        }
        if (!reveal.lists(c.id())) {
            return Optional.of(invalid(
                    InvalidReason.NO_COMMITMENT,
                    "commitment " + c.id().shortHex() + " is not among the "
                            + reveal.witnessed().size()
                            + " the requester had received when it signed the reveal (it came late, or never reached"
                            + " the requester)"));
        }
        var first = reveal.firstCommitterOf(c.modelHash()).orElseThrow();
        if (!first.id().equals(c.id())) {
            return Optional.of(invalid(
                    InvalidReason.COPIED_MODEL,
                    "model " + c.modelHash().shortHex() + " was listed first under commitment "
                            + first.id().shortHex() + ", not this block's " + c.id().shortHex()));
        }
        return Optional.empty();
    }

    static Optional<Verdict> checkStale(WorldState state, Hash modelHash) {
        for (TaskState t : state.tasks().all()) {
            if (t.winners().contains(modelHash)) {
                return Optional.of(invalid(
                        InvalidReason.STALE_MODEL,
                        "model " + modelHash.shortHex() + " already won round "
                                + (t.winners().indexOf(modelHash) + 1) + " of task " + t.id()));
            }
        }
        return Optional.empty();
    }

    /** The hash of the record's starting model: the seed's initialisation, or the parent it names (checked by checkStart). */
    private static Hash startHash(Round.Learning round, PoleProof p, ModelSpec spec) {
        return switch (p.record().start()) {
            case TrainingStart.FromSeed s ->
                Initializer.initialize(spec, s.seed()).hash();
            case TrainingStart.FromParent parent -> parent.modelHash();
        };
    }

    private static Optional<Verdict> checkModel(
            Round.Learning round, Block block, PoleProof p, ChainRules rules, ValidationContext context) {
        ModelSpec spec = ModelSpec.parse(round.task().terms().modelSpec());
        var loaded = PoleBlobs.model(
                context.blobs(), p.modelHash(), spec, rules.limits().maxModelBytes());
        if (loaded instanceof PoleBlobs.Failed<Model> f) {
            return Optional.of(f.verdict());
        }
        Model model = ((PoleBlobs.Loaded<Model>) loaded).value();
        Optional<Verdict> start = checkStart(round, p, model, context);
        if (start.isPresent()) {
            return start;
        }
        boolean isPrivate = round.task().terms().isPrivate();
        var shard = isPrivate
                ? PrivateRoundData.testShard(context.blobs(), round, spec)
                : PoleBlobs.dataset(context.blobs(), round.shardHash(), spec, "test shard");
        if (shard instanceof PoleBlobs.Failed<Dataset> f) {
            return Optional.of(f.verdict());
        }
        Evaluator evaluator = new Evaluator(context.pool());
        Dataset mapped = round.sml().relabel(((PoleBlobs.Loaded<Dataset>) shard).value());
        long score = evaluator.correctCount(model, mapped);
        if (score != p.claimedScore()) {
            return Optional.of(invalid(
                    InvalidReason.FALSE_SCORE_CLAIM,
                    "claimed " + p.claimedScore() + " correct of " + mapped.count() + ", the shard gives " + score));
        }
        var training = isPrivate
                ? PrivateRoundData.trainingSet(
                        context.blobs(), round, revealOf(block).roundKeys(), spec, context.pool())
                : PoleBlobs.dataset(context.blobs(), round.task().terms().trainingSet(), spec, "training set");
        if (training instanceof PoleBlobs.Failed<Dataset> f) {
            return Optional.of(f.verdict());
        }
        Dataset train = round.sml().relabel(((PoleBlobs.Loaded<Dataset>) training).value());
        Hash challenge = WorkChallenge.seed(
                Commitment.of(rules.chainId(), block).id(),
                block.transactions().getLast().hash());
        Optional<Verdict> work = WorkVerifier.check(p, spec, train, challenge, startHash(round, p, spec), context);
        if (work.isPresent()) {
            return work;
        }
        Dataset sample = WorkChallenge.accuracySample(challenge, train);
        long trainCorrect = evaluator.correctCount(model, sample);
        int minBp = round.task().terms().minTrainingAccuracyBp();
        if (!TaskRules.meetsAccuracy(trainCorrect, sample.count(), minBp)) {
            return Optional.of(invalid(
                    InvalidReason.TRAINING_ACCURACY_NOT_MET,
                    "training accuracy " + trainCorrect + "/" + sample.count()
                            + " on the chain-chosen sample is below the task's minimum of " + minBp
                            + " basis points"));
        }
        return Optional.empty();
    }

    private static Optional<Verdict> checkStart(
            Round.Learning round, PoleProof p, Model model, ValidationContext context) {
        if (!(p.record().start() instanceof TrainingStart.FromParent parent)) {
            return Optional.empty();
        }
        TaskState task = round.task();
        var winner = PoleBlobs.model(context.blobs(), task.winners().getLast(), model.spec(), Long.MAX_VALUE);
        if (winner instanceof PoleBlobs.Failed<Model> f) {
            return Optional.of(
                    f.verdict() instanceof Verdict.Undecided
                            ? f.verdict()
                            : invalid(InvalidReason.WRONG_TRAINING_START, "the last winner's blob is unusable"));
        }
        Model last = ((PoleBlobs.Loaded<Model>) winner).value();
        if (!Rekey.supports(last)) {
            return Optional.of(invalid(
                    InvalidReason.WRONG_TRAINING_START, "the task's model cannot be re-keyed: start from a seed"));
        }
        int classes = round.sml().classes();
        Hash expected = Rekey.rekey(last, new SecureMappingLayer(task.lastRoundKey(), classes), round.sml())
                .hash();
        if (!parent.modelHash().equals(expected)) {
            return Optional.of(invalid(
                    InvalidReason.WRONG_TRAINING_START,
                    "the record continues " + parent.modelHash().shortHex()
                            + "; continuing the last winner means its re-keyed form " + expected.shortHex()));
        }
        return Optional.empty();
    }

    static String describe(Round round) {
        return switch (round) {
            case Round.Idle i -> "idle (no open task)";
            case Round.Learning l -> "learning on task " + l.taskId();
        };
    }

    static Verdict invalid(InvalidReason reason, String detail) {
        return new Verdict.Invalid(reason, detail);
    }

    static Verdict undecided(String detail) {
        return new Verdict.Undecided(UndecidedReason.MISSING_DATA, detail);
    }
}
