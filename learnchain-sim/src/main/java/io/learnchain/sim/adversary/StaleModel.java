package io.learnchain.sim.adversary;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.WorkForgery;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.MinerActions;
import java.util.List;
import java.util.Optional;

/**
 * D17 (replay): trains nothing; commits the task's last winning model at once (its record names a
 * seed and steps it never ran) and claims the score that model won its round with. Sits out the
 * task's first round (nothing to replay).
 */
public final class StaleModel extends UncheckedMiner {
    private long staleClaim;

    @Override
    public boolean trains(Round.Learning round, MinerActions miner) {
        List<Hash> winners = round.task().winners();
        if (winners.isEmpty()) {
            return false; // the task's first round: nothing to replay
        }
        Hash last = winners.getLast();
        Optional<Model> old = miner.chain().blobs().get(last).map(Model::fromCanonicalBytes);
        if (old.isEmpty()) {
            return false;
        }
        staleClaim = wonWith(last, miner).orElse(0L);
        long nonce = miner.rng().nextLong();
        TrainingRecord record = miner.record(miner.seedStart(round, nonce), round, nonce);
        miner.commit(
                miner.epoch(),
                round,
                last,
                old.get(),
                record,
                WorkForgery.none(record, miner.initial(round, record), old.get()),
                nonce);
        return false;
    }

    @Override
    public List<GossipMessage.Candidate> candidates(
            CandidateBlockBuilder.Committed committed,
            GossipMessage.ShardReveal reveal,
            Dataset shard,
            MinerActions miner) {
        miner.releaseCommitment();
        return List.of(miner.candidate(committed, reveal.revealTx(), staleClaim, miner.modelBytes()));
    }

    /** The claimed score of the canonical block in which {@code model} won (searched back from the tip). */
    private static Optional<Long> wonWith(Hash model, MinerActions miner) {
        Optional<Block> b = miner.chain().block(miner.chain().head().hash());
        for (int i = 0; i < 10_000 && b.isPresent(); i++) {
            if (b.get().header().proof() instanceof PoleProof p && p.modelHash().equals(model)) {
                return Optional.of(p.claimedScore());
            }
            b = miner.chain().block(b.get().header().previous());
        }
        return Optional.empty();
    }
}
