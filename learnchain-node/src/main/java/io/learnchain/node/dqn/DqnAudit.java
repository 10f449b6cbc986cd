package io.learnchain.node.dqn;

import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.dqn.DqnRules;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.rl.EnvState;
import io.learnchain.learn.rl.Environment;
import io.learnchain.learn.rl.Transition;
import java.util.List;
import java.util.Optional;

/**
 * Replays a dqn miner's published work from the chain (PROTOCOL.md 4, "so the work can be
 * replayed"): given the miner's seed, rebuilds its {@link DqnLearner} from genesis, feeds it the
 * canonical transitions in order, and checks every block the miner won: its training record (Q and
 * target hashes before and after, iteration counter, batch seeds) and its action, which must be the
 * learner's own epsilon-greedy choice, not one found by search. Holds for a miner that proposed on
 * every canonical tip and stored only canonical transitions (the slot discipline of
 * {@link DqnMinerRole} on a network that delivers within a slot); the first block that differs is
 * reported with what differs.
 */
public final class DqnAudit {
    private DqnAudit() {}

    /** What an audit found: blocks of the miner checked, and the first that did not replay. */
    public record Result(long checkedBlocks, Optional<String> firstMismatch) {
        public boolean passed() {
            return firstMismatch.isEmpty();
        }
    }

    /**
     * @param canonical the chain's blocks from height 1, in order
     * @param miner the audited miner's key (its blocks are checked, every block is learned from)
     * @param seed the miner's own seed, revealed to the auditor
     */
    public static Result replay(
            DqnParameters params, List<Block> canonical, PublicKey miner, long seed, ComputePool pool) {
        Environment env = params.env();
        DqnLearner learner = new DqnLearner(params, seed, pool);
        long checked = 0;
        EnvState tipState = null; // the state the tip block acted in
        Optional<DqnProof> tipProof = Optional.empty(); // empty while the tip is the genesis
        for (Block next : canonical) {
            long tipHeight = next.header().height().value() - 1;
            if (tipProof.isPresent()) {
                learner.observe(Transition.of(
                        tipState, tipProof.get().action(), tipProof.get().step()));
            }
            EnvState state = DqnRules.startState(next.header().previous(), tipProof, env);
            DqnLearner.Work work = learner.work(tipHeight, state);
            DqnProof proof = (DqnProof) next.header().proof();
            if (next.header().miner().equals(miner)) {
                checked++;
                if (!work.record().equals(proof.record())) {
                    return new Result(
                            checked,
                            Optional.of("block " + next.header().height() + ": the training "
                                    + "record does not replay (published Q "
                                    + proof.record().weightsAfter().shortHex()
                                    + ", replayed "
                                    + work.record().weightsAfter().shortHex() + ")"));
                }
                if (work.action() != proof.action()) {
                    return new Result(
                            checked,
                            Optional.of("block " + next.header().height() + ": action " + proof.action()
                                    + " is not the learner's choice " + work.action()));
                }
            }
            tipState = state;
            tipProof = Optional.of(proof);
        }
        return new Result(checked, Optional.empty());
    }
}
