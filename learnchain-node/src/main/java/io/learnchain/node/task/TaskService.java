package io.learnchain.node.task;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.TaskStatus;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.format.InputProjection;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.OutputPermutation;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.pole.PoleService;
import io.learnchain.node.pole.RequesterRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The data node's side of tasks: posts a {@link TaskRequest} with the node's own key (training set
 * and shards into the blob store, the journal entry, the PostTask to the mempool and peers), and
 * answers what the chain and this node know about each task (status, per-round leaderboard with
 * each winner's accuracy on the task's test set, the model a requester downloads).
 */
public final class TaskService implements AutoCloseable {
    private static final int ROUNDS_KEPT = 1_024;
    private static final long MAX_SCAN = 100_000;

    private final PoleService pole;
    private final ChainService chain;
    private final BlobStore blobs;
    private final TaskPreparer preparer;
    private final RequesterJournal journal;
    private final Clock clock;
    private final RoundBook book = new RoundBook(ROUNDS_KEPT);
    private final TestSetScores scores;
    private final SecureRandom random = new SecureRandom();

    public TaskService(
            PoleService pole, BlobStore blobs, TaskPreparer preparer, RequesterJournal journal, Clock clock) {
        this.pole = pole;
        this.chain = pole.chain();
        this.blobs = blobs;
        this.preparer = preparer;
        this.journal = journal;
        this.clock = clock;
        this.scores = new TestSetScores(blobs, journal);
        pole.addListener(this::onEvent);
    }

    private void onEvent(PoleEvent event) {
        book.record(event);
        if (event instanceof PoleEvent.Revealed r) {
            journal.revealed(r.taskId(), r.shardIndex(), r.parent().toHex(), clock.millis());
        }
        if (event instanceof PoleEvent.RoundDecided d) {
            d.winner().flatMap(chain::block).ifPresent(block -> {
                if (block.header().proof() instanceof PoleProof proof) {
                    chain.head()
                            .tip()
                            .state()
                            .tasks()
                            .get(proof.taskId())
                            .ifPresent(task -> scores.scoreLater(
                                    block.hash(),
                                    task.terms(),
                                    roundKey(block, proof),
                                    () -> delivered(block, proof).model()));
                }
            });
        }
    }

    /**
     * Posts the task. Throws {@link TaskRequestException} when the node has no key, the model or
     * data set is unknown, the balance does not cover escrow and fee, or the mempool refuses it.
     */
    public TaskViews.Posted post(TaskRequest request) {
        RequesterRole requester = pole.requester()
                .orElseThrow(() -> new TaskRequestException(
                        "no_key",
                        "this node has no key, so it cannot post tasks: start it with --miner-key (or --dev)",
                        true));
        Address me = requester.address();
        Amount escrow;
        try {
            escrow = request.rewardPerRound().multiply(request.rounds());
            Amount needed = escrow.add(request.fee());
            Amount balance = chain.account(me).balance();
            if (!balance.isAtLeast(needed)) {
                throw new TaskRequestException(
                        "insufficient_funds",
                        me + " holds " + balance + " but the task needs "
                                + needed + " (" + request.rounds() + " rounds x " + request.rewardPerRound()
                                + " in escrow, fee "
                                + request.fee() + "): lower the reward or the rounds",
                        true);
            }
        } catch (ArithmeticException e) {
            throw new TaskRequestException("invalid_task", "rounds x reward overflows: " + e.getMessage());
        }
        // a private task's training set is encrypted under a fresh master key drawn from SecureRandom
        PreparedTask task = preparer.prepare(request, random.nextLong(), random::nextBytes, pole.pool());
        store(task.trainingBlob());
        SignedTransaction tx;
        try {
            tx = pole.onWorker(() -> requester.post(task.terms(), task.shards(), request.fee(), task.masterKey()));
        } catch (IllegalArgumentException e) {
            throw new TaskRequestException("rejected", e.getMessage(), true);
        }
        journal.posted(tx.hash().toHex(), task, clock.millis());
        PostTask t = task.terms();
        return new TaskViews.Posted(
                tx.hash().toHex(),
                me.toString(),
                t.modelSpec(),
                task.dataset(),
                task.dataOrigin(),
                t.rounds(),
                TaskViews.Coins.of(t.rewardPerRound()),
                TaskViews.Coins.of(escrow),
                t.trainingSet().toHex(),
                t.shardHashes().stream().map(Hash::toHex).toList());
    }

    /**
     * Cancels task {@code id} of this node's key ({@link RequesterRole#cancel}: no more reveals, and a
     * CancelTask signed as soon as no reveal of this node holds its nonce).
     *
     * @throws TaskRequestException "no_key", "unknown_task", "not_yours", "not_open" or "rejected"
     */
    public TaskViews.Cancelling cancel(long id, Amount fee) {
        RequesterRole requester = pole.requester()
                .orElseThrow(() ->
                        new TaskRequestException("no_key", "this node has no key, so it has no tasks to cancel", true));
        RequesterRole.Cancel result = pole.onWorker(() -> requester.cancel(id, fee));
        return switch (result) {
            case RequesterRole.Cancel.Submitted s ->
                new TaskViews.Cancelling(
                        id,
                        "submitted",
                        s.tx().hash().toHex(),
                        "the task closes when a block includes the cancel; a round not yet revealed is forfeited");
            case RequesterRole.Cancel.Waiting w -> new TaskViews.Cancelling(id, "waiting", null, w.why());
            case RequesterRole.Cancel.Refused r ->
                throw new TaskRequestException(
                        switch (r.reason()) {
                            case UNKNOWN_TASK -> "unknown_task";
                            case NOT_YOURS -> "not_yours";
                            case NOT_OPEN -> "not_open";
                            case REJECTED -> "rejected";
                        },
                        r.why(),
                        true);
        };
    }

    private void store(byte[] blob) {
        try {
            blobs.put(blob);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the training set: " + e.getMessage(), e);
        }
    }

    /** Tasks on the chain (and this node's postings still pending), newest first; {@code status} filters. */
    public List<TaskViews.Summary> list(Optional<String> status) {
        List<TaskViews.Summary> out = new ArrayList<>();
        List<TaskState> tasks = chain.head().tip().state().tasks().all();
        for (RequesterJournal.Posted p : journal.posted()) {
            boolean onChain = tasks.stream().anyMatch(t -> shardHex(t.terms()).equals(p.shardHashes()));
            if (!onChain && chain.mempool().get(Hash.fromHex(p.tx())).isPresent()) {
                out.add(new TaskViews.Summary(
                        0,
                        "pending",
                        null,
                        pole.requester().map(r -> r.address().toString()).orElse(null),
                        true,
                        p.model(),
                        p.dataset(),
                        p.shardHashes().size(),
                        0,
                        0,
                        null,
                        null,
                        null,
                        p.tx()));
            }
        }
        for (TaskState t : tasks.reversed()) {
            out.add(summary(t));
        }
        return status.map(s -> out.stream().filter(v -> v.status().equals(s)).toList())
                .orElse(out);
    }

    private TaskViews.Summary summary(TaskState t) {
        Optional<RequesterJournal.Posted> mine = journal.postedWithShards(shardHex(t.terms()));
        String status = t.status() != TaskStatus.OPEN
                ? "finished"
                : t.roundsDone() == 0 && t.forfeits() == 0 ? "open" : "running";
        return new TaskViews.Summary(
                t.id(),
                status,
                t.status() == TaskStatus.OPEN ? null : t.status().name(),
                t.requester().toString(),
                mine.isPresent(),
                mine.map(RequesterJournal.Posted::model).orElse(t.terms().modelSpec()),
                mine.map(RequesterJournal.Posted::dataset).orElse(null),
                t.terms().rounds(),
                t.roundsDone(),
                t.forfeits(),
                TaskViews.Coins.of(t.terms().rewardPerRound()),
                TaskViews.Coins.of(t.escrow()),
                t.posted().value(),
                mine.map(RequesterJournal.Posted::tx).orElse(null));
    }

    private static List<String> shardHex(PostTask terms) {
        return terms.shardHashes().stream().map(Hash::toHex).toList();
    }

    /** Terms, status and per-round leaderboard of task {@code id}. */
    public Optional<TaskViews.Detail> show(long id) {
        return detail(id, false);
    }

    /**
     * The task's detail; {@code scoreNow}: evaluate rounds not yet scored on the test set at once
     * (a download must know the best round), else in the background.
     */
    private Optional<TaskViews.Detail> detail(long id, boolean scoreNow) {
        Optional<TaskState> found = chain.head().tip().state().tasks().get(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TaskState t = found.get();
        PostTask p = t.terms();
        TaskViews.Terms terms = new TaskViews.Terms(
                p.modelSpec(),
                p.trainingSet().toHex(),
                p.minTrainingAccuracyBp(),
                p.rounds(),
                TaskViews.Coins.of(p.rewardPerRound()),
                p.expectedSeconds(),
                p.minPhaseSeconds(),
                p.maxPhaseSeconds(),
                shardHex(p),
                p.privacy().map(TaskViews.Privacy::of).orElse(null));
        boolean testSetHere = scores.holdsTestSet(p);
        List<TaskViews.Round> rounds = rounds(t, testSetHere, scoreNow);
        return Optional.of(new TaskViews.Detail(
                summary(t),
                terms,
                rounds,
                t.winners().isEmpty() ? null : t.winners().getLast().toHex(),
                ModelChoice.byDefault(rounds, testSetHere)));
    }

    private List<TaskViews.Round> rounds(TaskState task, boolean testSetHere, boolean scoreNow) {
        List<TaskViews.Round> out = new ArrayList<>();
        long tip = chain.head().height().value();
        long from = Math.max(task.posted().value() + 1, tip - MAX_SCAN);
        List<RequesterJournal.Revealed> reveals = journal.reveals(task.id());
        for (long h = from; h <= tip && out.size() < task.roundsDone() + task.forfeits(); h++) {
            Optional<Block> b = chain.blockAt(Height.of(h));
            if (b.isEmpty()) {
                break;
            }
            Block block = b.get();
            switch (block.header().proof()) {
                case PoleProof proof
                when proof.taskId() == task.id() ->
                    out.add(poleRound(out.size() + 1, block, proof, reveals, task.terms(), testSetHere, scoreNow));
                case ForfeitProof f
                when f.taskId() == task.id() ->
                    out.add(new TaskViews.Round(
                            out.size() + 1,
                            h,
                            block.hash().toHex(),
                            block.header().previous().toHex(),
                            "forfeit",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            List.of(),
                            null,
                            null,
                            null));
                case PoleProof proof -> {} // another task's round
                case ForfeitProof f -> {}
                case IdleProof i -> {}
                case DqnProof d -> {}
            }
        }
        return out;
    }

    private TaskViews.Round poleRound(
            int index,
            Block block,
            PoleProof proof,
            List<RequesterJournal.Revealed> reveals,
            PostTask terms,
            boolean testSetHere,
            boolean scoreNow) {
        Hash parent = block.header().previous();
        Integer shardSize =
                chain.blobs().dataset(proof.shardHash()).map(d -> d.count()).orElse(null);
        Double accuracy = shardSize == null || shardSize == 0 ? null : (double) proof.claimedScore() / shardSize;
        List<TaskViews.Candidate> candidates = new ArrayList<>();
        for (RoundBook.Seen seen : book.candidates(parent)) {
            String outcome = seen.block().equals(block.hash())
                    ? "won"
                    : seen.rejection() != null ? "rejected: " + seen.rejection() : "not chosen";
            candidates.add(new TaskViews.Candidate(seen.block().toHex(), seen.miner(), seen.claimedScore(), outcome));
        }
        Long revealedAt = reveals.stream()
                .filter(r -> r.parent().equals(parent.toHex()))
                .findFirst()
                .map(RequesterJournal.Revealed::timeMillis)
                .orElse(null);
        Optional<TestSetScores.Score> score = scores.get(block.hash());
        if (score.isEmpty() && testSetHere) {
            Supplier<Model> model = () -> delivered(block, proof).model();
            if (scoreNow) {
                score = scores.score(block.hash(), terms, roundKey(block, proof), model);
            } else {
                scores.scoreLater(block.hash(), terms, roundKey(block, proof), model);
            }
        }
        return new TaskViews.Round(
                index,
                block.header().height().value(),
                block.hash().toHex(),
                parent.toHex(),
                "pole",
                block.header().minerAddress().toString(),
                proof.modelHash().toHex(),
                proof.record().hash().toHex(),
                proof.shardIndex(),
                shardSize,
                proof.claimedScore(),
                proof.claimedScore(),
                accuracy,
                book.evaluations(parent).orElse(null),
                candidates,
                revealedAt,
                score.map(TestSetScores.Score::accuracy).orElse(null),
                score.map(TestSetScores.Score::samples).orElse(null));
    }

    /**
     * The model a requester downloads from task {@code id}: round {@code round} when given, else the
     * round winner with the best accuracy on the task's whole test set where this node holds it
     * (rounds not yet scored are scored first), else the latest winner ({@link ModelChoice}). The
     * model is delivered in the requester's labels: the round's mapping layer is undone.
     * Empty when the task is unknown, no round was won, or the model blob is not here.
     *
     * @throws TaskRequestException {@code no_such_round} when {@code round} was not won,
     *     {@code model_not_unmappable} when the spec's outputs cannot be reordered by moving weights
     */
    public Optional<WinningModel> model(long id, Optional<Integer> round) {
        Optional<TaskState> found = chain.head().tip().state().tasks().get(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TaskViews.Detail detail = detail(id, true).orElseThrow();
        TaskViews.Delivery choice =
                round.isPresent() ? ModelChoice.requested(detail.rounds(), round.get()) : detail.delivery();
        if (choice.round() == null) {
            return Optional.empty();
        }
        TaskViews.Round chosen = detail.rounds().stream()
                .filter(r -> r.round() == choice.round())
                .findFirst()
                .orElseThrow();
        Block block = chain.block(Hash.fromHex(chosen.block())).orElseThrow();
        PoleProof proof = (PoleProof) block.header().proof();
        if (!hasBlob(proof.modelHash())) {
            return Optional.empty();
        }
        Delivered d = delivered(block, proof);
        return Optional.of(new WinningModel(
                id, d.model(), d.mined(), d.mapping(), found.get().terms().privacy(), proof, chosen, detail, choice));
    }

    private boolean hasBlob(Hash hash) {
        try {
            return blobs.contains(hash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the blob store: " + e.getMessage(), e);
        }
    }

    /** The round's key (label mapping, and a private task's projection rows): H(parent, task id). */
    private static Hash roundKey(Block block, PoleProof proof) {
        return TaskRules.roundKey(block.header().previous(), proof.taskId());
    }

    /** A round's model as mined (in the round's label space) and as delivered (in the requester's). */
    private record Delivered(Model model, Model mined, SecureMappingLayer mapping) {}

    private Delivered delivered(Block block, PoleProof proof) {
        Optional<byte[]> bytes;
        try {
            bytes = blobs.get(proof.modelHash());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read model " + proof.modelHash().toHex() + ": " + e.getMessage(), e);
        }
        Model mined = Model.fromCanonicalBytes(bytes.orElseThrow(() -> new IllegalStateException("model "
                + proof.modelHash().toHex() + " of block " + block.hash().toHex() + " is not in the blob store")));
        SecureMappingLayer mapping =
                new SecureMappingLayer(roundKey(block, proof), mined.spec().outputSize());
        if (!OutputPermutation.supports(mined.spec())) {
            throw new TaskRequestException(
                    "model_not_unmappable",
                    "the outputs of " + mined.spec().text()
                            + " are spread over its last convolution's positions, so the round's label mapping cannot be"
                            + " undone in its weights; its raw model blob "
                            + proof.modelHash().toHex() + " answers in the"
                            + " round's labels " + Arrays.toString(mapping.permutation()));
        }
        return new Delivered(mapping.unmap(mined), mined, mapping);
    }

    @Override
    public void close() {
        scores.close();
    }

    /**
     * A task's model as delivered: {@code model} predicts the requester's own labels ({@code mined},
     * the model the block committed to, under {@code mapping} undone), with the round it won and why
     * that round was chosen. For a private task, {@code projection} is the task's layer: {@code model}
     * reads the k features of the round's projection ({@link #inputProjection}), which {@link #onnx}
     * puts in front of it so that the ONNX file reads the requester's raw samples.
     */
    public record WinningModel(
            long taskId,
            Model model,
            Model mined,
            SecureMappingLayer mapping,
            Optional<ProjectionSpec> projection,
            PoleProof proof,
            TaskViews.Round round,
            TaskViews.Detail task,
            TaskViews.Delivery delivery) {

        /** A private task's round projection (the task's layer under the round key), else empty. */
        public Optional<InputProjection> inputProjection() {
            return projection.map(p -> p.inputProjection(mapping.roundKey()));
        }

        /** The delivered model as ONNX: behind the round's projection for a private task (raw samples in). */
        public byte[] onnx() {
            return inputProjection()
                    .map(p -> OnnxExporter.export(model, p))
                    .orElseGet(() -> OnnxExporter.export(model));
        }
    }
}
