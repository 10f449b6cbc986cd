package io.learnchain.sim.adversary;

import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.learn.data.Dataset;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.MinerActions;
import java.util.List;
import java.util.stream.LongStream;

/** D16: sends {@code perRound} candidates claiming 1, 2, ... more than its model reaches, and no honest one. */
public final class FalseClaims extends UncheckedMiner {
    private final int perRound;

    public FalseClaims(int perRound) {
        if (perRound < 1) {
            throw new IllegalArgumentException("a false-claims miner sends at least one claim, got " + perRound);
        }
        this.perRound = perRound;
    }

    @Override
    public List<GossipMessage.Candidate> candidates(
            CandidateBlockBuilder.Committed committed,
            GossipMessage.ShardReveal reveal,
            Dataset shard,
            MinerActions miner) {
        miner.releaseCommitment();
        int score = miner.shardScore(committed, shard);
        byte[] modelBytes = miner.modelBytes();
        return LongStream.rangeClosed(1, perRound)
                .mapToObj(lie -> miner.candidate(committed, reveal.revealTx(), score + lie, modelBytes))
                .toList();
    }
}
