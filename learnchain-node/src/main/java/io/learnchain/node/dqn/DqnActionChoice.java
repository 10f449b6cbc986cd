package io.learnchain.node.dqn;

/**
 * How a dqn miner picks the action it proposes. The protocol expects {@link #LEARNER}; the other is
 * the adversary of PROTOCOL.md 7 that simulations field to measure what fork choice by reward and
 * the audit ({@link DqnAudit}) do against it.
 */
public enum DqnActionChoice {
    /** The learner's own epsilon-greedy choice (paper 000 steps 1-7). */
    LEARNER,
    /**
     * Search instead of learning: step every action from the tip and propose the one with the highest
     * shaped reward (ties to the lowest index). The miner still publishes its public learner's record,
     * so only the action gives it away, and every node refuses the block for it (DQN_NOT_POLICY).
     */
    LOOKAHEAD
}
