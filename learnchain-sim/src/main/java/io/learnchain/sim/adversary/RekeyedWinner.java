package io.learnchain.sim.adversary;

import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.WorkForgery;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.pole.MinerActions;
import java.util.Optional;

/**
 * Issue 15 (lazy-rekey, instant-commit): trains nothing; commits the task's last winner re-keyed to
 * this round's mapping layer at once, under a record that claims the plan's steps from it with a
 * made-up trace. Lazy-rekey hopes to win with it; instant-commit hopes to set off the requester's
 * reveal before honest miners have finished (the same moves, fielded for different rules). Sits out
 * the task's first round.
 */
public final class RekeyedWinner extends UncheckedMiner {
    @Override
    public boolean trains(Round.Learning round, MinerActions miner) {
        Optional<Model> rekeyed =
                miner.rekeyedWinner(round, ModelSpec.parse(round.task().terms().modelSpec()));
        if (rekeyed.isEmpty()) {
            return false;
        }
        Model model = rekeyed.get();
        long nonce = miner.rng().nextLong();
        TrainingRecord record = miner.record(new TrainingStart.FromParent(model.hash()), round, nonce);
        miner.commit(miner.epoch(), round, model.hash(), model, record, WorkForgery.none(record, model, model), nonce);
        return false;
    }
}
