package io.learnchain.sim.adversary;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.MinedWork;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.WorkForgery;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.MinerActions;
import java.util.List;
import java.util.Optional;

/**
 * Issue 15 (sync-copy): trains and commits nothing; when another miner's candidate arrives it sends a
 * sibling block with the same weights and claim under its own header, a made-up trace and a
 * commitment made after the reveal, reusing the round's reveal: the block a node syncing later, which
 * never saw the round's commitments, would be offered beside the real winner (equal score, so only
 * the tip-hash tie-break would separate them). One copy a round.
 */
public final class SyncCopy extends UncheckedMiner {
    /** The parent it last copied a candidate on. */
    private Hash copiedOn;

    @Override
    public boolean trains(Round.Learning round, MinerActions miner) {
        return false;
    }

    @Override
    public List<GossipMessage.Candidate> peerCandidate(GossipMessage.Candidate seen, MinerActions miner) {
        Optional<Round.Learning> current = miner.round();
        Block b = seen.block();
        if (current.isEmpty()
                || !(b.header().proof() instanceof PoleProof p)
                || !b.header().previous().equals(current.get().previous())
                || b.header().miner().equals(miner.key().publicKey())
                || !current.get().previous().equals(miner.chain().head().hash())
                || current.get().previous().equals(copiedOn)
                || !Hash.sha256(seen.model()).equals(p.modelHash())
                || !(b.transactions().getLast() instanceof SignedTransaction revealTx)) {
            return List.of();
        }
        Round.Learning round = current.get();
        Model copied;
        try {
            copied = Model.fromCanonicalBytes(seen.model());
        } catch (RuntimeException e) {
            return List.of();
        }
        copiedOn = round.previous();
        long nonce = miner.rng().nextLong();
        TrainingRecord record = miner.record(miner.seedStart(round, nonce), round, nonce);
        MinedWork forged = WorkForgery.none(record, miner.initial(round, record), copied);
        CandidateBlockBuilder.Committed c = CandidateBlockBuilder.commit(
                miner.chain().head().tip(),
                miner.chain().rules(),
                round,
                miner.key(),
                List.of(),
                copied.hash(),
                record,
                forged.proof(),
                nonce,
                miner.chain().signatureVerifier(),
                miner.lifelong());
        return List.of(miner.candidate(c, revealTx, p.claimedScore(), seen.model(), forged));
    }
}
