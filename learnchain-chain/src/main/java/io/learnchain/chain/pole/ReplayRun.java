package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.TrainingRun;
import io.learnchain.learn.train.WorkSegments;
import java.util.List;
import java.util.Optional;

/**
 * A full replay of a pole block in progress ({@link ReplayVerifier#start}): trains the record a
 * chunk at a time, compares every checkpoint with the committed one as soon as it is taken, and
 * stops at the first that differs. Any split into chunks gives the same outcome. It keeps one
 * checkpoint, the last that matched (the opening a fraud proof needs), not the whole trace: a replay
 * of the mlp would otherwise hold 65 checkpoints of 2.8 MB.
 */
public final class ReplayRun {
    private final TrainingRun run;
    private final PoleProof proof;
    /** The last checkpoint that matched its committed leaf, and its index (-1 before checkpoint 0). */
    private Checkpoint lastMatched;

    private int matched = -1;

    ReplayRun(TrainingRun run, PoleProof proof) {
        this.run = run;
        this.proof = proof;
    }

    public long step() {
        return run.step();
    }

    public long totalSteps() {
        return run.totalSteps();
    }

    /** Up to {@code maxSteps} more steps; the outcome once the replay is decided, else empty. */
    public Optional<ReplayVerifier.Outcome> advance(long maxSteps) {
        List<Hash> committed = proof.work().checkpoints();
        long steps = run.totalSteps();
        if (matched < 0) {
            Optional<ReplayVerifier.Outcome> first = compare(run.checkpoint(), committed);
            if (first.isPresent()) {
                return first;
            }
        }
        long budget = maxSteps;
        while (!run.isDone() && budget > 0) {
            long next = WorkSegments.boundary(steps, matched + 1);
            try {
                budget -= run.advance(Math.min(budget, next - run.step()));
            } catch (IllegalArgumentException e) {
                // the parameters stopped being finite: no honest run checkpoints that, so the segment
                // being replayed is false, opened at the last checkpoint that did replay
                return Optional.of(new ReplayVerifier.Outcome.Mismatch(
                        proof.modelHash(), Hash.ZERO, matched, Optional.of(lastMatched)));
            }
            if (run.step() == next) {
                Checkpoint taken;
                try {
                    taken = run.checkpoint();
                } catch (IllegalArgumentException e) { // non-finite at the boundary itself
                    return Optional.of(new ReplayVerifier.Outcome.Mismatch(
                            proof.modelHash(), Hash.ZERO, matched, Optional.of(lastMatched)));
                }
                Optional<ReplayVerifier.Outcome> out = compare(taken, committed);
                if (out.isPresent()) {
                    return out;
                }
            }
        }
        if (!run.isDone()) {
            return Optional.empty();
        }
        Hash model = run.model().hash();
        return Optional.of(
                model.equals(proof.modelHash()) && committed.size() == matched + 1
                        ? new ReplayVerifier.Outcome.Reproduced(model)
                        : new ReplayVerifier.Outcome.Mismatch(proof.modelHash(), model, matched - 1));
    }

    /** {@code taken}, checkpoint {@code matched + 1}, against its committed leaf. */
    private Optional<ReplayVerifier.Outcome> compare(Checkpoint taken, List<Hash> committed) {
        int k = matched + 1;
        if (k < committed.size() && taken.leaf().equals(committed.get(k))) {
            lastMatched = taken;
            matched = k;
            return Optional.empty();
        }
        return Optional.of(new ReplayVerifier.Outcome.Mismatch(
                proof.modelHash(), taken.model().hash(), k - 1, k == 0 ? Optional.empty() : Optional.of(lastMatched)));
    }
}
