package io.learnchain.sim.adversary;

import io.learnchain.chain.pole.Round;
import io.learnchain.chain.work.SecureMappingLayer;
import java.util.Optional;

/**
 * D18: trains for another parent (another round's mapping layer, as a model prepared before the
 * parent existed would be), skips the accuracy check and commits.
 */
public final class Premined extends UncheckedMiner {
    @Override
    public Optional<SecureMappingLayer> trainsUnder(Round.Learning round) {
        return Optional.of(AnotherParent.layer(round));
    }
}
