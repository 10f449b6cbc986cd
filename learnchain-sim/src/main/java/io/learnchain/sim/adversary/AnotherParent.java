package io.learnchain.sim.adversary;

import io.learnchain.base.Hash;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.work.SecureMappingLayer;

/** What the pre-mining adversaries train under: a model prepared before the round's parent existed. */
final class AnotherParent {
    private AnotherParent() {}

    /** The mapping layer of a parent other than {@code round}'s (the hash of its hash). */
    static SecureMappingLayer layer(Round.Learning round) {
        return new SecureMappingLayer(
                TaskRules.roundKey(Hash.sha256(round.previous().unsafeArray()), round.taskId()),
                round.sml().classes());
    }
}
