package io.learnchain.chain.pole;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.block.EngineProof;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.TaskStatus;

/**
 * The engine's own state change of a block, applied before its transactions (so a CancelTask in
 * the same block sees the round already paid): a pole block takes the round's reward out of
 * escrow (the coinbase may then claim it), marks the revealed shard, records the winning model
 * and raises the miner's reputation; a forfeit block burns the round's reward and, at the
 * {@link TaskState#MAX_FORFEITS}th forfeit, closes the task and refunds the rest minus the penalty.
 * Idle blocks change nothing. The header's proof was checked against {@code round} before.
 */
public final class PoleTransition {
    private PoleTransition() {}

    /** Applies the engine step; returns the reward the coinbase may claim on top of subsidy and fees. */
    public static Amount apply(Round round, EngineProof proof, PublicKey miner, StateDelta delta) {
        return switch (proof) {
            case IdleProof p -> Amount.ZERO;
            case DqnProof p ->
                throw new IllegalArgumentException(
                        "a dqn block has no pole transition (its award is the genesis R_max)");
            case PoleProof p -> {
                Round.Learning r = (Round.Learning) round;
                TaskState task = delta.task(r.taskId()).orElseThrow();
                delta.putTask(task.won(r.shardIndex(), p.modelHash(), r.roundKey()));
                Address addr = Address.of(miner);
                delta.put(addr, delta.account(addr).withReputationIncrement());
                yield task.terms().rewardPerRound();
            }
            case ForfeitProof p -> {
                TaskState task = delta.task(p.taskId()).orElseThrow().forfeited();
                if (task.isOpen() && task.forfeits() >= TaskState.MAX_FORFEITS) {
                    Amount penalty = TaskState.penalty(task.escrow());
                    Amount refund = task.escrow().subtract(penalty);
                    delta.put(task.requester(), delta.account(task.requester()).credit(refund));
                    task = task.closed(TaskStatus.CLOSED_FORFEITED, penalty);
                }
                delta.putTask(task);
                yield Amount.ZERO;
            }
        };
    }
}
