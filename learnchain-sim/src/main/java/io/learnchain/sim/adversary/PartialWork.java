package io.learnchain.sim.adversary;

import io.learnchain.chain.pole.MinedWork;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.WorkForgery;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.WorkSegments;
import java.util.List;

/**
 * Issue 15 (partial-work): trains the first {@code 1 - fraction} of the record's segments, then
 * claims the rest: every later checkpoint repeats the state reached, the model is the one reached.
 */
public final class PartialWork extends UncheckedMiner {
    private final double fraction;

    public PartialWork(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a partial-work miner skips a fraction in (0, 1], got " + fraction);
        }
        this.fraction = fraction;
    }

    /** The segments it does not train, of {@code segments} (at least one). */
    int fakeSegments(int segments) {
        return (int) Math.max(1, Math.min(segments, Math.round(fraction * segments)));
    }

    @Override
    public long stopAt(TrainingRecord record) {
        int segments = WorkSegments.count(record.steps());
        return WorkSegments.boundary(record.steps(), segments - fakeSegments(segments));
    }

    @Override
    public MinedWork committing(Round.Learning round, TrainingRecord record, List<Checkpoint> reached) {
        return WorkForgery.claimRest(record, reached);
    }
}
