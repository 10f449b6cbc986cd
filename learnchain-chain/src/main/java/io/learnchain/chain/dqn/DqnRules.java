package io.learnchain.chain.dqn;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.learn.rl.EnvState;
import io.learnchain.learn.rl.Environment;
import io.learnchain.learn.rl.StepResult;
import java.util.List;
import java.util.Optional;

/**
 * The pure rules of the {@code dqn} engine (PROTOCOL.md 4): where the environment stands after a
 * block, what stepping it from a parent must give, and the fork-choice score of a block. Every
 * node applies them to every dqn block, so a stored state, action or reward that does not follow
 * from the parent makes the block invalid, and with it every block built on it.
 *
 * <p>Randomness comes from the parent hash h: {@code seed = h.firstLongLE()}; an episode's start
 * state is {@code reset(derive(seed, 1).nextLong())} (after genesis and after a block whose step
 * was {@code done}); the step itself draws from {@code derive(seed, 2)}.
 *
 * <p>Fork score: fork choice compares chains by height, then the tip block's score, then the summed
 * score, then the lower tip hash. A block's score is {@code reward - FLOOR} under option a, and
 * the parent's score plus {@code reward - FLOOR} under option b (so the tip's score ranks chains
 * of equal height by their reward sum). {@link #REWARD_FLOOR} keeps scores non-negative and cancels
 * between chains of equal height; a reward below it is invalid.
 */
public final class DqnRules {
    /** The lowest reward a dqn block may carry: -1000 reward units, in fixed point. */
    public static final long REWARD_FLOOR = -1000 * StepResult.SCALE;
    /** The highest reward a dqn block may carry. */
    public static final long REWARD_CEILING = 1000 * StepResult.SCALE;

    private DqnRules() {}

    /** S_t: the state a child of {@code parent} acts in. */
    public static EnvState startState(ChainTip parent, Environment env) {
        return startState(parent.hash(), parent.dqn(), env);
    }

    /** S_t from the parent's hash and its dqn proof (empty for the genesis). */
    public static EnvState startState(Hash parentHash, Optional<DqnProof> parentProof, Environment env) {
        return parentProof.filter(p -> !p.done()).map(DqnProof::next).orElseGet(() -> env.reset(resetSeed(parentHash)));
    }

    /** Whether the child of {@code parent} starts a new episode. */
    public static boolean startsEpisode(ChainTip parent) {
        return parent.dqn().map(DqnProof::done).orElse(true);
    }

    public static long resetSeed(Hash parent) {
        return SplitMix64.derive(parent.firstLongLE(), 1).nextLong();
    }

    public static SplitMix64 stepRandomness(Hash parent) {
        return SplitMix64.derive(parent.firstLongLE(), 2);
    }

    /** What taking {@code action} in the child of {@code parent} gives (the action must be in range). */
    public static StepResult step(ChainTip parent, Environment env, int action) {
        return env.step(startState(parent, env), action, stepRandomness(parent.hash()));
    }

    /** The fork-choice score of a child of {@code parent} with {@code reward}. */
    public static long forkScore(ChainTip parent, ForkOption option, long reward) {
        long own = Math.subtractExact(reward, REWARD_FLOOR);
        return switch (option) {
            case LAST_REWARD -> own;
            case REWARD_SUM ->
                Math.addExact(parent.dqn().map(DqnProof::forkScore).orElse(0L), own);
        };
    }

    /** Whether {@code tx} is one of the pole engine's task transactions, which a dqn chain refuses. */
    public static boolean isTaskTransaction(Transaction tx) {
        return tx instanceof SignedTransaction s
                && (s.body().payload() instanceof PostTask
                        || s.body().payload() instanceof CancelTask
                        || s.body().payload() instanceof RevealShard);
    }

    /** A dqn block's body carries no task transactions (their escrow could never be paid out); the verdict when it does. */
    public static Optional<Verdict> checkBody(Block block) {
        List<Transaction> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            if (isTaskTransaction(txs.get(i))) {
                return Optional.of(Verdict.invalid(
                        InvalidReason.DQN_TASK_TRANSACTION,
                        "transaction " + i + " is a task transaction; a dqn chain runs no learning rounds"));
            }
        }
        return Optional.empty();
    }

    /** Checks a dqn block's proof against its parent: the first rule it breaks, or empty when it follows them. */
    public static Optional<Verdict> check(ChainTip parent, DqnProof proof, DqnParameters params) {
        Environment env = params.env();
        if (proof.action() >= env.actionCount()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_INVALID_ACTION,
                    "action " + proof.action() + ", but " + env.name() + " has actions 0.." + (env.actionCount() - 1)));
        }
        EnvState start = startState(parent, env);
        if (proof.next().size() != env.observationSize()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_WRONG_STATE,
                    "the next state holds " + proof.next().size() + " values, " + env.name() + " states hold "
                            + env.observationSize()));
        }
        StepResult expected = env.step(start, proof.action(), stepRandomness(parent.hash()));
        if (!expected.next().equals(proof.next())) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_WRONG_STATE,
                    "action " + proof.action() + " in state "
                            + start.hash().shortHex() + " gives state "
                            + expected.next().hash().shortHex() + ", the block says "
                            + proof.next().hash().shortHex()));
        }
        if (expected.reward() != proof.reward() || expected.unshapedReward() != proof.unshapedReward()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_WRONG_REWARD,
                    "the step gives reward " + expected.reward()
                            + " (unshaped " + expected.unshapedReward() + "), the block says " + proof.reward() + " ("
                            + proof.unshapedReward() + ")"));
        }
        if (expected.terminal() != proof.terminal() || expected.done() != proof.done()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_WRONG_STATE,
                    "the step gives terminal=" + expected.terminal()
                            + " done=" + expected.done() + ", the block says terminal=" + proof.terminal() + " done="
                            + proof.done()));
        }
        if (proof.reward() < REWARD_FLOOR || proof.reward() > REWARD_CEILING) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_WRONG_REWARD,
                    "reward " + proof.reward() + " is outside [" + REWARD_FLOOR + ", " + REWARD_CEILING + "]"));
        }
        long score = forkScore(parent, params.forkOption(), proof.reward());
        if (score != proof.forkScore()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_WRONG_SCORE,
                    "fork score " + proof.forkScore() + ", option "
                            + params.forkOption().letter() + " gives " + score));
        }
        return Optional.empty();
    }
}
