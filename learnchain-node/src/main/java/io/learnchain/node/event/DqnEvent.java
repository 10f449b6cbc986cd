package io.learnchain.node.event;

import io.learnchain.base.Hash;

/** What the dqn roles of a node report (the simulation and the metrics listen). */
public sealed interface DqnEvent {

    /** A miner proposed block {@code height} taking {@code action} for {@code reward}, after {@code gradientSteps} steps of training. */
    record Proposed(String node, Hash block, long height, int action, long reward, int gradientSteps)
            implements DqnEvent {}

    /** A node refused a block a peer sent. */
    record Rejected(String node, Hash block, String reason) implements DqnEvent {}
}
