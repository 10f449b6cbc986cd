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
