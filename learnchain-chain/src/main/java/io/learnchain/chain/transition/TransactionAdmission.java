package io.learnchain.chain.transition;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.chain.lifelong.LifelongProcessor;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.Challenge;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.tx.WorkFraud;
import java.util.Optional;

/**
 * The mempool's gate: may this transaction wait for a block? Same checks as in a block except
 * that a nonce ahead of the account's is allowed (it queues behind its predecessors), and the
 * balance is checked against the current state alone.
 */
public final class TransactionAdmission {
    private TransactionAdmission() {}

    public static TxResult check(SignedTransaction tx, WorldState state, ChainRules rules, SignatureVerifier verifier) {
        int size = TransactionCodec.INSTANCE.encode(tx).length;
        int limit = TransactionCodec.maxBytes(tx);
        if (size > limit) {
            return new TxResult.Rejected(InvalidReason.TX_TOO_LARGE, size + " bytes, the limit is " + limit);
        }
        Optional<TxResult.Rejected> stateless = TransactionProcessor.checkStateless(tx, rules, verifier);
        if (stateless.isPresent()) {
            return stateless.get();
        }
        TxBody body = tx.body();
        Address sender = body.senderAddress();
        Account account = state.account(sender);
        if (body.nonce() < account.nonce()) {
            return new TxResult.Rejected(
                    InvalidReason.NONCE_TOO_LOW,
                    "nonce " + body.nonce() + " of " + sender + " is already spent; the next is " + account.nonce());
        }
        Optional<TxResult.Rejected> task = checkTask(body, sender, state);
        if (task.isPresent()) {
            return task.get();
        }
        Optional<Amount> debitOrOverflow = TransactionProcessor.debitOf(body);
        if (debitOrOverflow.isEmpty()) {
            return new TxResult.Rejected(InvalidReason.OVERFLOW, "amount + fee overflows");
        }
        Amount debit = debitOrOverflow.get();
        if (!account.balance().isAtLeast(debit)) {
            return new TxResult.Rejected(
                    InvalidReason.INSUFFICIENT_BALANCE,
                    sender + " has " + account.balance() + ", the transaction needs " + debit);
        }
        return new TxResult.Applied(body.fee());
    }

    /** CancelTask and RevealShard must name an open task of the sender; lifelong kinds an existing model. */
    private static Optional<TxResult.Rejected> checkTask(TxBody body, Address sender, WorldState state) {
        long id = switch (body.payload()) {
            case CancelTask c -> c.taskId();
            case RevealShard r -> r.taskId();
            case WorkFraud f -> -2;
            case Transfer t -> 0;
            case PostTask p -> 0;
            case DeployModel d -> 0;
            case RevealParts r -> -1;
            case ProposeUpdate p -> -1;
            case Challenge c -> -1;
            case GrowModel g -> -1;
        };
        if (id == -1) {
            return LifelongProcessor.admit(body.payload(), sender, state.lifelong());
        }
        if (body.payload() instanceof WorkFraud f) {
            // anybody may prove fraud; the replay itself runs when a block applies the transaction
            boolean held = state.tasks()
                    .get(f.taskId())
                    .map(t -> t.held().stream().anyMatch(e -> e.height().equals(f.height())))
                    .orElse(false);
            return held
                    ? Optional.empty()
                    : Optional.of(new TxResult.Rejected(
                            InvalidReason.NO_HELD_REWARD,
                            "task " + f.taskId() + " holds no payout of a block at height " + f.height()));
        }
        if (id == 0) {
            return Optional.empty();
        }
        var task = state.tasks().get(id);
        if (task.isEmpty()) {
            return Optional.of(new TxResult.Rejected(InvalidReason.UNKNOWN_TASK, "there is no task " + id));
        }
        if (!task.get().requester().equals(sender)) {
            return Optional.of(new TxResult.Rejected(
                    InvalidReason.NOT_REQUESTER,
                    "task " + id + " belongs to " + task.get().requester() + ", not " + sender));
        }
        if (!task.get().isOpen()) {
            return Optional.of(new TxResult.Rejected(
                    InvalidReason.TASK_NOT_OPEN,
                    "task " + id + " is " + task.get().status()));
        }
        return Optional.empty();
    }
}
