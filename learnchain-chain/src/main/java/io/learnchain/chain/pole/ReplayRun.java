package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.CheckpointedRun;
import java.util.List;
import java.util.Optional;

/**
 * A full replay of a pole block in progress ({@link ReplayVerifier#start}): trains the record a
 * chunk at a time, compares every checkpoint with the committed one as soon as it is taken, and
 * stops at the first that differs. Any split into chunks gives the same outcome.
 */
public final class ReplayRun {
    private final CheckpointedRun run;
    private final PoleProof proof;

    ReplayRun(CheckpointedRun run, PoleProof proof) {
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
        List<Checkpoint> taken = run.checkpointsSoFar();
        if (taken.size() == 1) {
            Optional<ReplayVerifier.Outcome> first = compare(taken, committed, 0);
            if (first.isPresent()) {
                return first;
            }
        }
        long budget = maxSteps;
        while (!run.isDone() && budget > 0) {
            int before = run.checkpointsSoFar().size();
            budget -= run.advance(budget);
            taken = run.checkpointsSoFar();
            for (int k = before; k < taken.size(); k++) {
                Optional<ReplayVerifier.Outcome> out = compare(taken, committed, k);
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
                model.equals(proof.modelHash()) && committed.size() == taken.size()
                        ? new ReplayVerifier.Outcome.Reproduced(model)
                        : new ReplayVerifier.Outcome.Mismatch(proof.modelHash(), model, taken.size() - 2));
    }

    private Optional<ReplayVerifier.Outcome> compare(List<Checkpoint> taken, List<Hash> committed, int k) {
        if (k < committed.size() && taken.get(k).leaf().equals(committed.get(k))) {
            return Optional.empty();
        }
        return Optional.of(new ReplayVerifier.Outcome.Mismatch(
                proof.modelHash(),
                taken.get(k).model().hash(),
                k - 1,
                k == 0 ? Optional.empty() : Optional.of(taken.get(k - 1))));
    }
}
