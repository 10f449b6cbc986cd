package io.learnchain.node.pole;

import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.MinedWork;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Checkpoint;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.node.gossip.GossipMessage;
import java.util.List;
import java.util.Optional;

/**
 * The decisions of a pole miner that a departure from the protocol changes, each with the
 * protocol's choice as its default. {@link MinerRole} asks its strategy at these points and does
 * everything else itself; a node's miner runs {@link #honest()}. The simulation's adversaries (module
 * learnchain-sim) override a few of them and act through {@link MinerActions}. A strategy object
 * belongs to one miner and is called on that miner's scheduler only.
 */
public interface MinerStrategy {

    /** The protocol's miner: every default of this interface. */
    static MinerStrategy honest() {
        return Honest.INSTANCE;
    }

    /** A learning round begins on the miner's tip (called before its training is scheduled). */
    default void roundStarted(Round.Learning round, MinerActions miner) {}

    /** The tip changed or the miner stopped: the round's work is dropped. */
    default void roundDropped() {}

    /**
     * Whether the miner trains for {@code round} as the protocol says; {@code false} when the strategy
     * has worked the round itself (or sits it out).
     */
    default boolean trains(Round.Learning round, MinerActions miner) {
        return true;
    }

    /**
     * A model prepared before the round's parent existed was trained under another parent's mapping
     * layer. When this names one, the miner trains under it, from a seed, and commits whatever
     * training accuracy it reaches. The protocol's: empty (the round's own layer, and the minimum).
     */
    default Optional<SecureMappingLayer> trainsUnder(Round.Learning round) {
        return Optional.empty();
    }

    /**
     * The training job is prepared: whether the miner runs it ({@code false} when the strategy has
     * produced and committed the round's work from it itself).
     */
    default boolean runs(PreparedTraining prepared, MinerActions miner) {
        return true;
    }

    /** The step at which training stops: the record's last. */
    default long stopAt(TrainingRecord record) {
        return record.steps();
    }

    /**
     * The work the miner commits, from the checkpoints its run reached (all of the record's, unless
     * {@link #stopAt} stopped it early): the trace of that run.
     */
    default MinedWork committing(Round.Learning round, TrainingRecord record, List<Checkpoint> reached) {
        return new MinedWork(record, reached);
    }

    /**
     * The model is trained (and met the minimum where that applies): whether the strategy keeps its
     * commitment back. The protocol's: no, the miner commits once the plan's step time has passed.
     */
    default boolean holdsBack(Trained trained, MinerActions miner) {
        return false;
    }

    /** A shard of the miner's round was revealed (called before the miner looks at its commitment). */
    default void revealed(GossipMessage.ShardReveal reveal, Dataset shard, MinerActions miner) {}

    /**
     * The candidates to send for the miner's commitment once the shard is revealed (they also go to
     * the miner's own node). The protocol's: one, with the model's true score on the shard, after the
     * checks the block must pass ({@link MinerActions#checkedCandidates}).
     */
    default List<GossipMessage.Candidate> candidates(
            CandidateBlockBuilder.Committed committed,
            GossipMessage.ShardReveal reveal,
            Dataset shard,
            MinerActions miner) {
        return miner.checkedCandidates(committed, reveal, shard);
    }

    /** Another miner's commitment arrived: nothing to do. */
    default void peerCommitted(Commitment seen, MinerActions miner) {}

    /** Another miner's candidate arrived: candidates to send in answer (none). */
    default List<GossipMessage.Candidate> peerCandidate(GossipMessage.Candidate seen, MinerActions miner) {
        return List.of();
    }

    /**
     * A prepared training run: the job, the model it continues from (empty: a seed start), the
     * record's nonce, and the miner's CPU meter reading when its preparation began.
     */
    record PreparedTraining(
            Round.Learning round, TrainingJob job, Optional<Model> parent, long nonce, long cpuStartNanos) {}

    /** A finished training run the miner would commit. */
    record Trained(Round.Learning round, Model model, TrainingRecord record, long nonce, MinedWork work) {}

    /** The protocol's miner. */
    final class Honest implements MinerStrategy {
        private static final Honest INSTANCE = new Honest();

        private Honest() {}

        @Override
        public String toString() {
            return "honest";
        }
    }
}
