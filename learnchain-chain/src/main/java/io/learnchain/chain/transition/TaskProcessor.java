package io.learnchain.chain.transition;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Height;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.HeldReward;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.TaskStatus;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.chain.work.HeldRewards;
import io.learnchain.chain.work.WorkFraudCheck;
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

    /**
     * A proof that a held payout was won with false work (PROTOCOL.md 3.8): if {@link
     * WorkFraudCheck} holds, the payout leaves the task: the round's reward back to the requester,
     * the bounty to the sender, the rest burned; the model is recorded as refuted. Anybody may send it.
     */
    static TxResult fraud(
            TxBody body, WorkFraud f, Address sender, Account account, StateDelta state, LifelongEnv env) {
        if (!account.balance().isAtLeast(body.fee())) {
            return new TxResult.Rejected(
                    InvalidReason.INSUFFICIENT_BALANCE,
                    sender + " has " + account.balance() + ", the fee is " + body.fee());
        }
        Optional<TaskState> found = state.task(f.taskId());
        if (found.isEmpty()) {
            return new TxResult.Rejected(InvalidReason.UNKNOWN_TASK, "there is no task " + f.taskId());
        }
        TaskState task = found.get();
        HeldReward entry;
        switch (WorkFraudCheck.check(task, f, env.blobs(), env.pool())) {
            case WorkFraudCheck.Outcome.NotProven n -> {
                return n.why();
            }
            case WorkFraudCheck.Outcome.Proven p -> entry = p.entry();
        }
        Amount bounty = HeldRewards.bounty(entry);
        Amount burn = entry.amount().subtract(entry.reward()).subtract(bounty);
        state.put(sender, account.debitAndAdvance(body.fee()).credit(bounty));
        state.put(task.requester(), state.account(task.requester()).credit(entry.reward()));
        state.putTask(task.refuting(entry, burn));
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
