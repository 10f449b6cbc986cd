package io.learnchain.node.dqn;

import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.DqnLearners;

/**
 * How a dqn miner picks the action it proposes: the one decision a departure from the protocol
 * changes. A node's miner runs {@link #LEARNER}; the simulation's adversaries (module learnchain-sim)
 * are other choices, and every node refuses their blocks where the action is not the learner's
 * (DQN_NOT_POLICY).
 */
@FunctionalInterface
public interface DqnActionChoice {

    /** The learner's own epsilon-greedy choice (paper 000 steps 1-7). */
    DqnActionChoice LEARNER = (tip, rules, work) -> work.action();

    /** The action to propose on {@code tip}, given the miner's public learner's {@code work} there. */
    int action(ChainTip tip, ChainRules rules, DqnLearners.Work work);
}
