package io.learnchain.sim.adversary;

import io.learnchain.chain.pole.MinedWork;
import io.learnchain.chain.pole.Rekey;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.WorkForgery;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.WorkSegments;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.pole.MinerActions;
import java.util.Optional;

/**
 * Issue 15 (one-jump): an honest record except one segment, chosen at random, at whose end the
 * parameters become a model it did not train there (the task's last winner re-keyed to this round, a
 * strong head start; on a task's first round, a model it trained for another parent); training goes
 * on honestly from it. One scheduler task. On a private task (PROTOCOL.md 3.9) it works on the round's
 * features its miner decrypted, as the honest path does; the requester's auditor replays its record
 * on them with the reveal's keys.
 */
public final class OneJump extends UncheckedMiner {
    @Override
    public boolean runs(PreparedTraining prepared, MinerActions miner) {
        Round.Learning round = prepared.round();
        TrainingJob job = prepared.job();
        ModelSpec spec = job.spec();
        Optional<Model> substitute = miner.rekeyedWinner(round, spec);
        if (substitute.isEmpty()) {
            SecureMappingLayer other = AnotherParent.layer(round);
            // the round's training set as the honest miner reads it: a private round's decrypted features
            Dataset raw = other.relabel(miner.trainingSet(round).orElseThrow());
            Model pre = new Trainer(miner.pool()).train(TrainingJob.of(spec, job.record(), raw));
            substitute = Optional.of(Rekey.supports(pre) ? Rekey.rekey(pre, other, round.sml()) : pre);
        }
        int segments = WorkSegments.count(job.record().steps());
        Model start = prepared.parent().orElseGet(() -> miner.initial(round, job.record()));
        MinedWork mined = WorkForgery.oneJump(
                miner.pool(), spec, job.record(), job.data(), start, miner.rng().nextInt(segments), substitute.get());
        miner.emit(new PoleEvent.Trained(
                miner.name(),
                round.previous(),
                round.taskId(),
                job.record().steps(),
                new Evaluator(miner.pool()).correctCount(mined.model(), job.data()),
                job.data().count(),
                (miner.cpu().nanos() - prepared.cpuStartNanos()) / 1e9));
        miner.commit(miner.epoch(), round, mined.model().hash(), mined.model(), job.record(), mined, prepared.nonce());
        return false;
    }
}
