package io.learnchain.sim.adversary;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.WorkForgery;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.MinerActions;
import java.util.List;
import java.util.Optional;

/**
 * D17 (model stealing): trains nothing; commits the model hash of the first other miner's commitment
 * it sees on the round's parent, and once that miner's candidate brings the weights, sends them under
 * its own header with the same claim.
 */
public final class CopyModel extends UncheckedMiner {
    private GossipMessage.ShardReveal pendingReveal;
    private GossipMessage.Candidate copySource;

    @Override
    public void roundDropped() {
        pendingReveal = null;
        copySource = null;
    }

    @Override
    public boolean trains(Round.Learning round, MinerActions miner) {
        return false; // copies what another miner commits and sends (peerCommitted, peerCandidate)
    }

    @Override
    public void peerCommitted(Commitment seen, MinerActions miner) {
        Optional<Round.Learning> current = miner.round();
        if (miner.committed().isPresent()
                || current.isEmpty()
                || !seen.previous().equals(current.get().previous())
                || seen.miner().equals(miner.key().publicKey())) {
            return;
        }
        Round.Learning round = current.get();
        long nonce = miner.rng().nextLong();
        TrainingRecord record = miner.record(miner.seedStart(round, nonce), round, nonce);
        Model start = miner.initial(round, record);
        miner.commit(
                miner.epoch(), round, seen.modelHash(), null, record, WorkForgery.none(record, start, start), nonce);
    }

    @Override
    public List<GossipMessage.Candidate> candidates(
            CandidateBlockBuilder.Committed committed,
            GossipMessage.ShardReveal reveal,
            Dataset shard,
            MinerActions miner) {
        pendingReveal = reveal; // the weights come with the copied miner's candidate
        return copySource == null ? List.of() : peerCandidate(copySource, miner);
    }

    @Override
    public List<GossipMessage.Candidate> peerCandidate(GossipMessage.Candidate seen, MinerActions miner) {
        Optional<CandidateBlockBuilder.Committed> open = miner.committed();
        if (open.isEmpty()
                || !(seen.block().header().proof() instanceof PoleProof p)
                || !seen.block().header().previous().equals(open.get().parent().hash())
                || !p.modelHash().equals(open.get().commitment().modelHash())
                || !Hash.sha256(seen.model()).equals(p.modelHash())) {
            return List.of();
        }
        GossipMessage.ShardReveal reveal = pendingReveal;
        if (reveal == null) {
            copySource = seen; // the candidate outran the reveal to this node: copy it once the reveal is here
            return List.of();
        }
        miner.releaseCommitment();
        pendingReveal = null;
        copySource = null;
        return List.of(miner.candidate(open.get(), reveal.revealTx(), p.claimedScore(), seen.model()));
    }
}
