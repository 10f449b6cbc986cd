package io.learnchain.sim.adversary;

import io.learnchain.chain.dqn.DqnRules;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.learn.rl.Environment;
import io.learnchain.node.dqn.DqnActionChoice;

/**
 * The dqn adversary of PROTOCOL.md 7, search instead of learning: steps every action from the tip and
 * proposes the one with the highest shaped reward (ties to the lowest index). It still publishes its
 * public learner's record, so only the action gives it away, and every node refuses the block where
 * the two differ (DQN_NOT_POLICY).
 */
public final class DqnLookahead implements DqnActionChoice {
    @Override
    public int action(ChainTip tip, ChainRules rules, DqnLearners.Work work) {
        Environment env = rules.dqn()
                .orElseThrow(() -> new IllegalArgumentException("the lookahead miner needs a dqn chain"))
                .env();
        int best = 0;
        long bestReward = Long.MIN_VALUE;
        for (int a = 0; a < env.actionCount(); a++) {
            long reward = DqnRules.step(tip, rules.chainId(), env, a).reward();
            if (reward > bestReward) {
                best = a;
                bestReward = reward;
            }
        }
        return best;
    }
}
