package io.learnchain.sim.adversary;

import io.learnchain.chain.pole.Round;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.MinerActions;
import java.util.Optional;

/**
 * D17 (commitment after the reveal, PoDL's test-set overfitting): trains, holds its commitment back,
 * and once the shard is revealed fine-tunes on it for {@code fineTuneSteps} steps, then commits and
 * sends its candidate.
 */
public final class LateCommit extends UncheckedMiner {
    private final long fineTuneSteps;
    private Trained held;

    public LateCommit(long fineTuneSteps) {
        if (fineTuneSteps < 1) {
            throw new IllegalArgumentException("a late committer fine-tunes at least one step, got " + fineTuneSteps);
        }
        this.fineTuneSteps = fineTuneSteps;
    }

    @Override
    public void roundDropped() {
        held = null;
    }

    @Override
    public boolean holdsBack(Trained trained, MinerActions miner) {
        held = trained; // committed only after the reveal (revealed)
        return true;
    }

    /** Fine-tunes the held model on the revealed shard (relabelled through the round's layer), then commits. */
    @Override
    public void revealed(GossipMessage.ShardReveal reveal, Dataset shard, MinerActions miner) {
        Trained h = held;
        Optional<Round.Learning> current = miner.round();
        if (h == null
                || current.isEmpty()
                || !current.get().previous().equals(reveal.reveal().previous())) {
            return;
        }
        Round.Learning round = current.get();
        held = null;
        Dataset mapped = round.sml().relabel(shard);
        Model tuned = h.model();
        if (mapped.count() >= miner.plan().batch()) {
            TrainingRecord tune = new TrainingRecord(
                    new TrainingStart.FromParent(tuned.hash()),
                    Optimizer.Adam.of(miner.plan().learningRate()),
                    miner.plan().batch(),
                    fineTuneSteps,
                    miner.rng().nextLong());
            long cpuStart = miner.cpu().nanos();
            tuned = new Trainer(miner.pool()).train(TrainingJob.continuing(tuned.spec(), tune, mapped, tuned));
            miner.emit(new PoleEvent.Trained(
                    miner.name(),
                    round.previous(),
                    round.taskId(),
                    fineTuneSteps,
                    new Evaluator(miner.pool()).correctCount(tuned, mapped),
                    mapped.count(),
                    (miner.cpu().nanos() - cpuStart) / 1e9));
        }
        miner.commit(miner.epoch(), round, tuned.hash(), tuned, h.record(), h.work(), h.nonce());
    }
}
