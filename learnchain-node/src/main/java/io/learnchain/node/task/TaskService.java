package io.learnchain.node.task;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.TaskStatus;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.learn.model.Model;
import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.pole.PoleEvent;
import io.learnchain.node.pole.PoleService;
import io.learnchain.node.pole.RequesterRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data node's side of tasks: posts a {@link TaskRequest} with the node's own key (training set
 * and shards into the blob store, the journal entry, the PostTask to the mempool and peers), and
 * answers what the chain and this node know about each task (status, per-round leaderboard, the
 * latest winning model).
 */
public final class TaskService {
    private static final int ROUNDS_KEPT = 1_024;
    private static final long MAX_SCAN = 100_000;

    private final PoleService pole;
    private final ChainService chain;
    private final BlobStore blobs;
    private final TaskPreparer preparer;
    private final RequesterJournal journal;
    private final Clock clock;
    private final RoundBook book = new RoundBook(ROUNDS_KEPT);
    private final SecureRandom random = new SecureRandom();

    public TaskService(PoleService pole, BlobStore blobs, TaskPreparer preparer, RequesterJournal journal, Clock clock) {
        this.pole = pole;
        this.chain = pole.chain();
        this.blobs = blobs;
        this.preparer = preparer;
        this.journal = journal;
        this.clock = clock;
        pole.addListener(this::onEvent);
    }

    private void onEvent(PoleEvent event) {
        book.record(event);
        if (event instanceof PoleEvent.Revealed r) {
            journal.revealed(r.taskId(), r.shardIndex(), r.parent().toHex(), clock.millis());
        }
    }

    /**
     * Posts the task. Throws {@link TaskRequestException} when the node has no key, the model or
     * data set is unknown, the balance does not cover escrow and fee, or the mempool refuses it.
     */
    public TaskViews.Posted post(TaskRequest request) {
        RequesterRole requester = pole.requester().orElseThrow(() -> new TaskRequestException("no_key",
                "this node has no key, so it cannot post tasks: start it with --miner-key (or --dev)", true));
        Address me = requester.address();
        Amount escrow;
        try {
            escrow = request.rewardPerRound().multiply(request.rounds());
            Amount needed = escrow.add(request.fee());
            Amount balance = chain.account(me).balance();
            if (!balance.isAtLeast(needed)) {
                throw new TaskRequestException("insufficient_funds", me + " holds " + balance + " but the task needs "
                        + needed + " (" + request.rounds() + " rounds x " + request.rewardPerRound() + " in escrow, fee "
                        + request.fee() + "): lower the reward or the rounds", true);
            }
        } catch (ArithmeticException e) {
            throw new TaskRequestException("invalid_task", "rounds x reward overflows: " + e.getMessage());
        }
        PreparedTask task = preparer.prepare(request, random.nextLong());
        store(task.trainingBlob());
        SignedTransaction tx;
        try {
            tx = pole.onWorker(() -> requester.post(task.terms(), task.shards(), request.fee()));
        } catch (IllegalArgumentException e) {
            throw new TaskRequestException("rejected", e.getMessage(), true);
        }
        journal.posted(tx.hash().toHex(), task, clock.millis());
        PostTask t = task.terms();
        return new TaskViews.Posted(tx.hash().toHex(), me.toString(), t.modelSpec(), task.dataset(), task.dataOrigin(),
                t.rounds(), TaskViews.Coins.of(t.rewardPerRound()), TaskViews.Coins.of(escrow),
                t.trainingSet().toHex(), t.shardHashes().stream().map(Hash::toHex).toList());
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
                out.add(new TaskViews.Summary(0, "pending", null, pole.requester().map(r -> r.address().toString())
                        .orElse(null), true, p.model(), p.dataset(), p.shardHashes().size(), 0, 0, null, null, null,
                        p.tx()));
            }
        }
        for (TaskState t : tasks.reversed()) {
            out.add(summary(t));
        }
        return status.map(s -> out.stream().filter(v -> v.status().equals(s)).toList()).orElse(out);
    }

    private TaskViews.Summary summary(TaskState t) {
        Optional<RequesterJournal.Posted> mine = journal.postedWithShards(shardHex(t.terms()));
        String status = t.status() != TaskStatus.OPEN ? "finished"
                : t.roundsDone() == 0 && t.forfeits() == 0 ? "open" : "running";
        return new TaskViews.Summary(t.id(), status, t.status() == TaskStatus.OPEN ? null : t.status().name(),
                t.requester().toString(), mine.isPresent(), mine.map(RequesterJournal.Posted::model)
                        .orElse(t.terms().modelSpec()), mine.map(RequesterJournal.Posted::dataset).orElse(null),
                t.terms().rounds(), t.roundsDone(), t.forfeits(), TaskViews.Coins.of(t.terms().rewardPerRound()),
                TaskViews.Coins.of(t.escrow()), t.posted().value(), mine.map(RequesterJournal.Posted::tx).orElse(null));
    }

    private static List<String> shardHex(PostTask terms) {
        return terms.shardHashes().stream().map(Hash::toHex).toList();
    }

    /** Terms, status and per-round leaderboard of task {@code id}. */
    public Optional<TaskViews.Detail> show(long id) {
        Optional<TaskState> found = chain.head().tip().state().tasks().get(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TaskState t = found.get();
        PostTask p = t.terms();
        TaskViews.Terms terms = new TaskViews.Terms(p.modelSpec(), p.trainingSet().toHex(), p.minTrainingAccuracyBp(),
                p.rounds(), TaskViews.Coins.of(p.rewardPerRound()), p.expectedSeconds(), p.minPhaseSeconds(),
                p.maxPhaseSeconds(), shardHex(p));
        List<TaskViews.Round> rounds = rounds(t);
        return Optional.of(new TaskViews.Detail(summary(t), terms, rounds,
                t.winners().isEmpty() ? null : t.winners().getLast().toHex()));
    }

    private List<TaskViews.Round> rounds(TaskState task) {
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
                case PoleProof proof when proof.taskId() == task.id() -> out.add(poleRound(out.size() + 1, block,
                        proof, reveals));
                case ForfeitProof f when f.taskId() == task.id() -> out.add(new TaskViews.Round(out.size() + 1, h,
                        block.hash().toHex(), block.header().previous().toHex(), "forfeit", null, null, null, null,
                        null, null, null, null, null, List.of(), null));
                default -> { }
            }
        }
        return out;
    }

    private TaskViews.Round poleRound(int index, Block block, PoleProof proof, List<RequesterJournal.Revealed> reveals) {
        Hash parent = block.header().previous();
        Integer shardSize = chain.blobs().dataset(proof.shardHash()).map(d -> d.count()).orElse(null);
        Double accuracy = shardSize == null || shardSize == 0 ? null : (double) proof.claimedScore() / shardSize;
        List<TaskViews.Candidate> candidates = new ArrayList<>();
        for (RoundBook.Seen seen : book.candidates(parent)) {
            String outcome = seen.block().equals(block.hash()) ? "won"
                    : seen.rejection() != null ? "rejected: " + seen.rejection() : "not chosen";
            candidates.add(new TaskViews.Candidate(seen.block().toHex(), seen.miner(), seen.claimedScore(), outcome));
        }
        Long revealedAt = reveals.stream().filter(r -> r.parent().equals(parent.toHex())).findFirst()
                .map(RequesterJournal.Revealed::timeMillis).orElse(null);
        return new TaskViews.Round(index, block.header().height().value(), block.hash().toHex(), parent.toHex(),
                "pole", block.header().minerAddress().toString(), proof.modelHash().toHex(),
                proof.record().hash().toHex(), proof.shardIndex(), shardSize, proof.claimedScore(),
                proof.claimedScore(), accuracy, book.evaluations(parent).orElse(null), candidates, revealedAt);
    }

    /** The latest winning model of task {@code id} with the block that won it; empty when none or not here. */
    public Optional<WinningModel> latestModel(long id) {
        Optional<TaskViews.Detail> detail = show(id);
        if (detail.isEmpty() || detail.get().latestModel() == null) {
            return Optional.empty();
        }
        TaskViews.Round last = detail.get().rounds().reversed().stream().filter(r -> r.kind().equals("pole"))
                .findFirst().orElse(null);
        if (last == null) {
            return Optional.empty();
        }
        Block block = chain.block(Hash.fromHex(last.block())).orElseThrow();
        PoleProof proof = (PoleProof) block.header().proof();
        Optional<byte[]> bytes;
        try {
            bytes = blobs.get(proof.modelHash());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + proof.modelHash().toHex() + ": " + e.getMessage(), e);
        }
        return bytes.map(b -> new WinningModel(id, Model.fromCanonicalBytes(b), proof, last, detail.get()));
    }

    /** A task's winning model with the round that chose it. */
    public record WinningModel(long taskId, Model model, PoleProof proof, TaskViews.Round round,
            TaskViews.Detail task) {
    }
}
