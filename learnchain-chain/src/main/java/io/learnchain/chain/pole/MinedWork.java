package io.learnchain.chain.pole;

import io.learnchain.chain.block.WorkProof;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.WorkSegments;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A miner's side of the work behind a model: the record and the checkpoints 0..K its run took
 * ({@link io.learnchain.learn.train.CheckpointedRun}). The miner commits {@link #proof()} and, once
 * the reveal fixes the challenge, publishes {@link #openings} for the challenged segments.
 */
public record MinedWork(TrainingRecord record, List<Checkpoint> checkpoints) {
    public MinedWork {
        Objects.requireNonNull(record, "record");
        checkpoints = List.copyOf(checkpoints);
        int expected = WorkSegments.count(record.steps()) + 1;
        if (checkpoints.size() != expected) {
            throw new IllegalArgumentException("a record of " + record.steps() + " steps has " + expected
                    + " checkpoints, got " + checkpoints.size());
        }
    }

    /**
     * A trace that claims {@code record} ended at {@code model} without the run: checkpoint 0 is
     * {@code start} and every later one {@code model} with a zero optimizer state (what a miner that
     * did no work can publish; every segment of it fails to replay).
     */
    public static MinedWork madeUp(TrainingRecord record, Model start, Model model) {
        int k = WorkSegments.count(record.steps());
        List<Checkpoint> out = new ArrayList<>(k + 1);
        out.add(Checkpoint.start(start, record.optimizer()));
        for (int i = 1; i <= k; i++) {
            Checkpoint zero = Checkpoint.start(model, record.optimizer());
            out.add(new Checkpoint(WorkSegments.boundary(record.steps(), i), model, zero.state()));
        }
        return new MinedWork(record, out);
    }

    /** As above with {@code model} as the start too. */
    public static MinedWork madeUp(TrainingRecord record, Model model) {
        return madeUp(record, model, model);
    }

    /** The trained (or claimed) model: the last checkpoint's. */
    public Model model() {
        return checkpoints.getLast().model();
    }

    /** The work a commitment binds: the leaves and the final optimizer state's hash, no openings yet. */
    public WorkProof proof() {
        return WorkProof.committed(
                checkpoints.stream().map(Checkpoint::leaf).toList(),
                checkpoints.getLast().stateHash());
    }

    /** The published bytes of the checkpoints that start the {@code segments} (in that order). */
    public List<byte[]> openings(int[] segments) {
        List<byte[]> out = new ArrayList<>(segments.length);
        for (int j : segments) {
            out.add(checkpoints.get(j).bytes());
        }
        return out;
    }
}
