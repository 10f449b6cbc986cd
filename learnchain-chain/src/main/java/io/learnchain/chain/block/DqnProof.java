package io.learnchain.chain.block;

import io.learnchain.learn.rl.DqnTrainingRecord;
import io.learnchain.learn.rl.EnvState;
import io.learnchain.learn.rl.StepResult;
import java.util.Objects;

/**
 * The fields of a {@code dqn} block (PROTOCOL.md 4, paper 000): the action A_t the miner took in
 * the state S_t that follows from the parent, the step's outcome (the shaped reward R_{t+1} that
 * fork choice ranks, the environment's own unshaped reward returns are counted in, the terminal
 * and done flags, the next state S_{t+1}), the fork-choice score that the genesis option derives
 * from the rewards (see {@code io.learnchain.chain.dqn.DqnRules#forkScore}), and the miner's
 * training record for the block (weights hashes before and after, batch seeds), so the work can
 * be replayed. Every field but the record is checked by every node against the parent.
 */
public record DqnProof(
        int action,
        long reward,
        long unshapedReward,
        boolean terminal,
        boolean done,
        EnvState next,
        long forkScore,
        DqnTrainingRecord record)
        implements EngineProof {
    public static final int TAG = 3;

    public DqnProof {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(record, "record");
        if (action < 0) {
            throw new IllegalArgumentException("an action is an index, got " + action);
        }
        if (terminal && !done) {
            throw new IllegalArgumentException("a terminal step also ends the episode (done)");
        }
        if (forkScore < 0) {
            throw new IllegalArgumentException("a fork-choice score is not negative, got " + forkScore);
        }
    }

    /** The proof of taking {@code action} with outcome {@code step}, scored {@code forkScore}. */
    public static DqnProof of(int action, StepResult step, long forkScore, DqnTrainingRecord record) {
        return new DqnProof(
                action,
                step.reward(),
                step.unshapedReward(),
                step.terminal(),
                step.done(),
                step.next(),
                forkScore,
                record);
    }

    /** The environment step this proof claims. */
    public StepResult step() {
        return new StepResult(next, reward, unshapedReward, terminal, done);
    }

    public DqnProof withAction(int newAction) {
        return new DqnProof(newAction, reward, unshapedReward, terminal, done, next, forkScore, record);
    }

    public DqnProof withReward(long newReward) {
        return new DqnProof(action, newReward, unshapedReward, terminal, done, next, forkScore, record);
    }

    public DqnProof withNext(EnvState newNext) {
        return new DqnProof(action, reward, unshapedReward, terminal, done, newNext, forkScore, record);
    }

    public DqnProof withRecord(DqnTrainingRecord newRecord) {
        return new DqnProof(action, reward, unshapedReward, terminal, done, next, forkScore, newRecord);
    }

    public DqnProof withForkScore(long newScore) {
        return new DqnProof(action, reward, unshapedReward, terminal, done, next, newScore, record);
    }

    @Override
    public int tag() {
        return TAG;
    }
}
