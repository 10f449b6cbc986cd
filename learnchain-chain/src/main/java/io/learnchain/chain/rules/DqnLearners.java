package io.learnchain.chain.rules;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.learn.rl.DqnTrainingRecord;
import java.util.Optional;

/**
 * Where block validation finds a proposer's {@link PublicLearner} at a parent block: what the
 * proposer's child of that block must carry. A port of the validation context; {@code io.learnchain.chain.dqn.LearnerCache}
 * implements it over a node's stored blocks.
 */
public interface DqnLearners {
    /** What a proposer's block on {@code parent} must carry: its training record and its action. */
    record Work(DqnTrainingRecord record, int action) {}

    /**
     * The work {@code proposer}'s child of {@code parent} must carry, or empty when a block of the
     * branch up to {@code parent} is not available here.
     */
    Optional<Work> work(Hash parent, PublicKey proposer);

    /** A validation context that cannot rebuild learners: a dqn block's policy stays undecided. */
    DqnLearners NONE = (parent, proposer) -> Optional.empty();
}
