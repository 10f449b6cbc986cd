package io.learnchain.chain.transition;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Height;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.TaskStatus;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.TxBody;
import java.util.Optional;

/**
 * The effects of the task transactions, after {@link TransactionProcessor} checked chain id,
 * signature and nonce. PostTask moves rounds x reward into a new task's escrow; CancelTask returns
 * the escrow minus {@link TaskState#penalty} (burned); RevealShard only pays its fee here: its
 * consensus meaning (the round's shard) is checked by the pole engine step of the block, which
 * runs before the transactions (so the round's task may already be finished when its reveal applies).
 */
final class TaskProcessor {
    private TaskProcessor() {}

    static TxResult post(TxBody body, PostTask p, Address sender, Account account, StateDelta state, Height height) {
        Optional<Amount> debitOrOverflow = TransactionProcessor.debitOf(body);
        if (debitOrOverflow.isEmpty()) {
            return new TxResult.Rejected(
                    InvalidReason.OVERFLOW,
                    "escrow " + p.rounds() + " x " + p.rewardPerRound() + " + fee " + body.fee() + " overflows");
        }
        Amount debit = debitOrOverflow.get();
        if (!account.balance().isAtLeast(debit)) {
            return new TxResult.Rejected(
                    InvalidReason.INSUFFICIENT_BALANCE,
                    sender + " has " + account.balance() + " but posting the task needs " + debit + " (escrow "
                            + p.escrow() + " + fee " + body.fee() + ")");
        }
        state.put(sender, account.debitAndAdvance(debit));
        state.putTask(TaskState.posted(state.allocateTaskId(), sender, p, height));
        return new TxResult.Applied(body.fee());
    }

    static TxResult cancel(TxBody body, CancelTask c, Address sender, Account account, StateDelta state) {
        Optional<TaskState> found = state.task(c.taskId());
        Optional<TxResult.Rejected> wrong = checkOwnOpenTask(found, c.taskId(), sender);
        if (wrong.isPresent()) {
            return wrong.get();
        }
        if (!account.balance().isAtLeast(body.fee())) {
            return new TxResult.Rejected(
                    InvalidReason.INSUFFICIENT_BALANCE,
                    sender + " has " + account.balance() + ", the fee is " + body.fee());
        }
        TaskState task = found.orElseThrow();
        Amount penalty = TaskState.penalty(task.escrow());
        Amount refund = task.escrow().subtract(penalty);
        state.put(sender, account.debitAndAdvance(body.fee()).credit(refund));
        state.putTask(task.closed(TaskStatus.CANCELLED, penalty));
        return new TxResult.Applied(body.fee());
    }

    static TxResult reveal(TxBody body, RevealShard r, Address sender, Account account, StateDelta state) {
        Optional<TaskState> found = state.task(r.taskId());
        if (found.isEmpty()) {
            return new TxResult.Rejected(InvalidReason.UNKNOWN_TASK, "there is no task " + r.taskId());
        }
        if (!found.get().requester().equals(sender)) {
            return new TxResult.Rejected(
                    InvalidReason.NOT_REQUESTER,
                    "only the requester " + found.get().requester() + " may reveal shards of task " + r.taskId()
                            + ", not " + sender);
        }
        if (!account.balance().isAtLeast(body.fee())) {
            return new TxResult.Rejected(
                    InvalidReason.INSUFFICIENT_BALANCE,
                    sender + " has " + account.balance() + ", the fee is " + body.fee());
        }
        state.put(sender, account.debitAndAdvance(body.fee()));
        return new TxResult.Applied(body.fee());
    }

    private static Optional<TxResult.Rejected> checkOwnOpenTask(Optional<TaskState> found, long id, Address sender) {
        if (found.isEmpty()) {
            return Optional.of(new TxResult.Rejected(InvalidReason.UNKNOWN_TASK, "there is no task " + id));
        }
        TaskState task = found.get();
        if (!task.requester().equals(sender)) {
            return Optional.of(new TxResult.Rejected(
                    InvalidReason.NOT_REQUESTER,
                    "task " + id + " was posted by " + task.requester() + ", not " + sender));
        }
        if (!task.isOpen()) {
            return Optional.of(
                    new TxResult.Rejected(InvalidReason.TASK_NOT_OPEN, "task " + id + " is " + task.status()));
        }
        return Optional.empty();
    }
}
