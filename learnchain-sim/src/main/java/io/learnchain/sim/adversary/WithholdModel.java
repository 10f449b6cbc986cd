package io.learnchain.sim.adversary;

import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.learn.data.Dataset;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.MinerActions;
import java.util.List;

/**
 * D20 (withholding): trains and commits honestly, then sends its candidate header claiming every
 * sample of the shard right without the model bytes.
 */
public final class WithholdModel extends UncheckedMiner {
    @Override
    public List<GossipMessage.Candidate> candidates(
            CandidateBlockBuilder.Committed committed,
            GossipMessage.ShardReveal reveal,
            Dataset shard,
            MinerActions miner) {
        miner.releaseCommitment();
        return List.of(miner.candidate(committed, reveal.revealTx(), shard.count(), new byte[0]));
    }
}
