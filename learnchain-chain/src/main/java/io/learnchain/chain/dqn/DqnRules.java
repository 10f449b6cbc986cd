package io.learnchain.chain.dqn;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.UndecidedReason;
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
 * <p>Randomness comes from the chain id and the height of the block, never from a block's content
 * (which its miner could grind): {@code e = derive(chainId.firstLongLE() ^ STREAM, height).nextLong()};
 * an episode's start state is {@code reset(derive(e, 1).nextLong())} (after genesis and after a
 * block whose step was {@code done}); the step itself draws from {@code derive(e, 2)}.
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
    /** Mixed into the height to seed the environment's draws. */
    private static final long ENVIRONMENT_STREAM = 0x64716e2d656e7600L;

    private DqnRules() {}

    /** S_t: the state a child of {@code parent} on the chain {@code chainId} acts in. */
    public static EnvState startState(ChainTip parent, Hash chainId, Environment env) {
        return startState(chainId, parent.height().value() + 1, parent.dqn(), env);
    }

    /**
     * S_t for the block at {@code height}, from its parent's dqn proof (empty for the genesis): the
     * parent's next state, or a fresh episode's start after the genesis and after a done step.
     */
    public static EnvState startState(Hash chainId, long height, Optional<DqnProof> parentProof, Environment env) {
        return parentProof
                .filter(p -> !p.done())
                .map(DqnProof::next)
                .orElseGet(() -> env.reset(resetSeed(chainId, height)));
    }

    /** Whether the child of {@code parent} starts a new episode. */
    public static boolean startsEpisode(ChainTip parent) {
        return parent.dqn().map(DqnProof::done).orElse(true);
    }

    /**
     * The start-state seed of an episode that begins at {@code height}. Drawn from the chain id and
     * the height alone: no block's content (which its miner could vary) moves the environment's
     * randomness.
     */
    public static long resetSeed(Hash chainId, long height) {
        return SplitMix64.derive(environmentSeed(chainId, height), 1).nextLong();
    }

    /** The step randomness of the block at {@code height} (slips, demand). */
    public static SplitMix64 stepRandomness(Hash chainId, long height) {
        return SplitMix64.derive(environmentSeed(chainId, height), 2);
    }

    private static long environmentSeed(Hash chainId, long height) {
        return SplitMix64.derive(chainId.firstLongLE() ^ ENVIRONMENT_STREAM, height)
                .nextLong();
    }

    /** What taking {@code action} in the child of {@code parent} gives (the action must be in range). */
    public static StepResult step(ChainTip parent, Hash chainId, Environment env, int action) {
        return env.step(
                startState(parent, chainId, env),
                action,
                stepRandomness(chainId, parent.height().value() + 1));
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

    /**
     * The slot rule: a dqn block is stamped at least one slot ({@code slotSeconds}, the genesis's
     * block time) after its parent, so a branch that forks at time T holds at most
     * {@code (now - T) / slot} blocks, whatever its miner spends; with no future tolerance for dqn
     * blocks (see {@link #MAX_FUTURE_SECONDS}) no branch can outgrow one whose miners filled every slot.
     */
    public static Optional<Verdict> checkSlot(ChainTip parent, long timestamp, long slotSeconds) {
        long earliest = Math.addExact(parent.timestamp(), slotSeconds);
        if (timestamp < earliest) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_EARLY_SLOT,
                    "timestamp " + timestamp + " is less than one slot (" + slotSeconds + " s) after the parent's "
                            + parent.timestamp() + "; the earliest is " + earliest));
        }
        return Optional.empty();
    }

    /**
     * How far ahead of local time a dqn block may be stamped: none. A block of the current slot is
     * stamped at the slot's start, so an honest block is never ahead; a node holds a block from the
     * near future until its time comes.
     */
    public static final long MAX_FUTURE_SECONDS = 0;

    /**
     * What a proposer's account must hold at the parent: checking a block from a key never seen costs a
     * node a replay of the chain for that key, so keys that cost nothing would make every node replay
     * the chain for the price of a signature. A funded key costs a transfer; the check is before the
     * replay.
     */
    public static final Amount MIN_PROPOSER_BALANCE = Amount.ofCoins(1);

    /**
     * The policy rule (PROTOCOL.md 4.2): the block's training record is the one its proposer's
     * {@link PublicLearner} did at the parent, and its action is that learner's epsilon-greedy choice
     * in S_t. Neither depends on anything the proposer can choose, so an action found by search, or a
     * record of training not done, makes the block invalid.
     */
    public static Optional<Verdict> checkPolicy(
            ChainTip parent, BlockHeader header, DqnProof proof, DqnLearners learners) {
        Amount held = parent.state().account(header.minerAddress()).balance();
        if (!held.isAtLeast(MIN_PROPOSER_BALANCE)) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_UNFUNDED_PROPOSER,
                    "the proposer " + header.minerAddress() + " holds " + held + " coins at the parent; a dqn proposer"
                            + " holds at least " + MIN_PROPOSER_BALANCE + " (fund the key with a transfer first)"));
        }
        Optional<DqnLearners.Work> work = learners.work(parent.hash(), header.miner());
        if (work.isEmpty()) {
            return Optional.of(new Verdict.Undecided(
                    UndecidedReason.MISSING_DATA,
                    "the proposer's learner cannot be rebuilt here: a block of the branch below "
                            + parent.hash().shortHex() + " is missing"));
        }
        DqnLearners.Work expected = work.get();
        if (!expected.record().equals(proof.record())) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_WRONG_TRAINING,
                    "the training record is not the proposer's learner's: replayed from the chain it goes from Q "
                            + expected.record().weightsBefore().shortHex() + " to "
                            + expected.record().weightsAfter().shortHex() + " with "
                            + expected.record().batchSeeds().size() + " gradient step(s), the block says "
                            + proof.record().weightsBefore().shortHex() + " to "
                            + proof.record().weightsAfter().shortHex() + " with "
                            + proof.record().batchSeeds().size()));
        }
        if (expected.action() != proof.action()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_NOT_POLICY,
                    "action " + proof.action() + " is not the epsilon-greedy choice " + expected.action()
                            + " of the proposer's Q-network "
                            + expected.record().weightsAfter().shortHex() + " in state "
                            + startStateHashHint(parent)));
        }
        return Optional.empty();
    }

    private static String startStateHashHint(ChainTip parent) {
        return parent.dqn()
                .filter(p -> !p.done())
                .map(p -> p.next().hash().shortHex())
                .orElse("(episode start)");
    }

    /**
     * The award of a dqn block (paper 000: the winner, the proposal of the maximum reward, receives
     * R_max, "called the token"): the genesis's coins per reward unit times the block's shaped
     * reward, none for a negative reward, rounded down to base units.
     */
    public static Amount award(DqnProof proof, DqnParameters params) {
        if (proof.reward() <= 0) {
            return Amount.ZERO;
        }
        return Amount.ofUnits(Math.multiplyExact(params.awardPerUnit().units(), proof.reward()) / StepResult.SCALE);
    }

    /** Checks a dqn block's proof against its parent: the first rule it breaks, or empty when it follows them. */
    public static Optional<Verdict> check(ChainTip parent, DqnProof proof, DqnParameters params, Hash chainId) {
        Environment env = params.env();
        if (proof.action() >= env.actionCount()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_INVALID_ACTION,
                    "action " + proof.action() + ", but " + env.name() + " has actions 0.." + (env.actionCount() - 1)));
        }
        EnvState start = startState(parent, chainId, env);
        if (proof.next().size() != env.observationSize()) {
            return Optional.of(Verdict.invalid(
                    InvalidReason.DQN_WRONG_STATE,
                    "the next state holds " + proof.next().size() + " values, " + env.name() + " states hold "
                            + env.observationSize()));
        }
        StepResult expected = env.step(
                start, proof.action(), stepRandomness(chainId, parent.height().value() + 1));
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
