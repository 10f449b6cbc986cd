package io.learnchain.sim.adversary;

import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.learn.data.Dataset;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.MinerActions;
import io.learnchain.node.pole.MinerStrategy;
import java.util.List;

/**
 * The base of the pole adversaries: sends its candidate without the checks an honest miner runs
 * first (that the reveal lists its commitment, that the model meets the minimum on the challenged
 * sample), so that every node's verifier, not the sender, is what stops it.
 */
abstract class UncheckedMiner implements MinerStrategy {

    @Override
    public List<GossipMessage.Candidate> candidates(
            CandidateBlockBuilder.Committed committed,
            GossipMessage.ShardReveal reveal,
            Dataset shard,
            MinerActions miner) {
        miner.releaseCommitment();
        int score = miner.shardScore(committed, shard);
        return List.of(miner.candidate(committed, reveal.revealTx(), score, miner.modelBytes()));
    }
}
