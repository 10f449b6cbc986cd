package io.learnchain.node.pole;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.MinedWork;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.PoleEvent;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.GossipNetwork;
import io.learnchain.node.gossip.Scheduler;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link MinerStrategy} can do through its miner: read the miner's node and round, draw from
 * the miner's seeded generator (so that a run stays a function of its seed), commit, and build
 * candidates. Every method runs on the miner's scheduler.
 */
public interface MinerActions {

    String name();

    KeyPair key();

    ChainService chain();

    GossipNetwork network();

    Scheduler scheduler();

    ComputePool pool();

    CpuMeter cpu();

    MinerPlan plan();

    /** The miner's seeded generator: every random choice of a strategy comes from it. */
    SplitMix64 rng();

    /** Sends a miner event to the node's bus. */
    void emit(PoleEvent event);

    /** The miner's round counter: work begun under an older one is stale. */
    long epoch();

    /** The learning round the miner works on, if any. */
    Optional<Round.Learning> round();

    /** The miner's open commitment (made, and its candidate not yet sent). */
    Optional<CandidateBlockBuilder.Committed> committed();

    /** Closes the open commitment (its candidate is being sent). */
    void releaseCommitment();

    /**
     * Signs and sends a commitment to {@code modelHash} for {@code round}, as the miner does after
     * training ({@code model} is null while the miner lacks the weights), unless {@code epoch} is stale.
     */
    void commit(
            long epoch,
            Round.Learning round,
            Hash modelHash,
            Model model,
            TrainingRecord record,
            MinedWork work,
            long nonce);

    /** The protocol's candidates for {@code committed}: the checks, then the true score on the shard. */
    List<GossipMessage.Candidate> checkedCandidates(
            CandidateBlockBuilder.Committed committed, GossipMessage.ShardReveal reveal, Dataset shard);

    /** The committed model's score on the shard through the round's mapping layer. */
    int shardScore(CandidateBlockBuilder.Committed committed, Dataset shard);

    /** The committed model's canonical bytes. */
    byte[] modelBytes();

    /** The candidate block completing {@code committed}, claiming {@code claim}, with the committed work's openings. */
    GossipMessage.Candidate candidate(
            CandidateBlockBuilder.Committed committed, SignedTransaction revealTx, long claim, byte[] modelBytes);

    /** As above, with the openings of {@code work}. */
    GossipMessage.Candidate candidate(
            CandidateBlockBuilder.Committed committed,
            SignedTransaction revealTx,
            long claim,
            byte[] modelBytes,
            MinedWork work);

    /** The miner's training record for {@code round}: the plan's optimizer, batch and steps. */
    TrainingRecord record(TrainingStart start, Round.Learning round, long nonce);

    /** A seed start for {@code round} under the miner's key and {@code nonce}. */
    TrainingStart seedStart(Round.Learning round, long nonce);

    /** The model a seed-start record begins with. */
    Model initial(Round.Learning round, TrainingRecord seedRecord);

    /** The task's last winning model re-keyed to {@code round}'s mapping layer, when it is here and supports it. */
    Optional<Model> rekeyedWinner(Round.Learning round, ModelSpec spec);

    /**
     * The round's training set as the model reads it before the round's label permutation: a task in
     * the clear's training blob, a private task's features decrypted with the round's keys (PROTOCOL.md
     * 3.9; empty until the miner has decrypted the round). Empty while the data are not here.
     */
    Optional<Dataset> trainingSet(Round.Learning round);

    /** The lifelong environment of the miner's blocks (blobs from the node's store). */
    LifelongEnv lifelong();
}
