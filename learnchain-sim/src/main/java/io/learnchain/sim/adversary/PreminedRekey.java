package io.learnchain.sim.adversary;

import io.learnchain.chain.pole.MinedWork;
import io.learnchain.chain.pole.Rekey;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.WorkForgery;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.TrainingRecord;
import java.util.List;
import java.util.Optional;

/**
 * Issue 15 (premined-rekey): trains for another parent (another round's labels, as a model prepared
 * before the parent existed would be), re-keys the model to this round's layer (it then scores like
 * an honest one) and commits it under this round's record with a made-up trace.
 */
public final class PreminedRekey extends UncheckedMiner {
    @Override
    public Optional<SecureMappingLayer> trainsUnder(Round.Learning round) {
        return Optional.of(AnotherParent.layer(round));
    }

    @Override
    public MinedWork committing(Round.Learning round, TrainingRecord record, List<Checkpoint> reached) {
        MinedWork trained = new MinedWork(record, reached);
        Model rekeyed = Rekey.rekey(trained.model(), AnotherParent.layer(round), round.sml());
        return WorkForgery.none(record, trained.checkpoints().getFirst().model(), rekeyed);
    }
}
