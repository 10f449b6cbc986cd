package io.learnchain.chain.rules;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import java.util.Optional;

/**
 * This node's LOCAL record of the commitments of a round (PROTOCOL.md 3.3 and 7): which it
 * received before the shard reveal, in what order, and who first committed each model hash. The
 * pure verifier takes it as an argument; the node and the simulation supply their own (see
 * {@link RoundCommitments}). During sync, when no commitment was witnessed, use {@link #SYNC}.
 */
public interface CommitmentView {

    /** Accepts every commitment as seen before the reveal and no model as copied (initial sync, replays). */
    CommitmentView SYNC = new CommitmentView() {
        @Override
        public Sighting sighting(Commitment commitment) {
            return new Sighting.BeforeReveal(0);
        }

        @Override
        public Optional<PublicKey> firstCommitterOf(Hash previous, Hash modelHash) {
            return Optional.empty();
        }
    };

    Sighting sighting(Commitment commitment);

    /** The miner who first committed {@code modelHash} on {@code previous}, if this node saw one. */
    Optional<PublicKey> firstCommitterOf(Hash previous, Hash modelHash);

    /** When a commitment reached this node. */
    sealed interface Sighting {
        /** Received before the round's reveal; {@code order} counts arrivals (earlier is smaller). */
        record BeforeReveal(long order) implements Sighting {}

        /** Received only after the round's shard was revealed. */
        record AfterReveal() implements Sighting {}

        /** Never received. */
        record Unknown() implements Sighting {}
    }
}
