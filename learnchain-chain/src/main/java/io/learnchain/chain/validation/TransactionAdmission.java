package io.learnchain.chain.validation;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.TxBody;

/**
 * The mempool's gate: may this transaction wait for a block? Same checks as in a block except
 * that a nonce ahead of the account's is allowed (it queues behind its predecessors), and the
 * balance is checked against the current state alone.
 */
public final class TransactionAdmission {
    private TransactionAdmission() {
    }

    public static TxResult check(SignedTransaction tx, WorldState state, ChainRules rules, SignatureVerifier verifier) {
        int size = TransactionCodec.INSTANCE.encode(tx).length;
        if (size > TransactionCodec.MAX_BYTES) {
            return new TxResult.Rejected(InvalidReason.TX_TOO_LARGE, size + " bytes, the limit is "
                    + TransactionCodec.MAX_BYTES);
        }
        TxResult.Rejected stateless = TransactionProcessor.checkStateless(tx, rules, verifier);
        if (stateless != null) {
            return stateless;
        }
        TxBody body = tx.body();
        Address sender = body.senderAddress();
        Account account = state.account(sender);
        if (body.nonce() < account.nonce()) {
            return new TxResult.Rejected(InvalidReason.NONCE_TOO_LOW, "nonce " + body.nonce() + " of " + sender
                    + " is already spent; the next is " + account.nonce());
        }
        Amount debit = TransactionProcessor.debitOf(body);
        if (debit == null) {
            return new TxResult.Rejected(InvalidReason.OVERFLOW, "amount + fee overflows");
        }
        if (!account.balance().isAtLeast(debit)) {
            return new TxResult.Rejected(InvalidReason.INSUFFICIENT_BALANCE, sender + " has " + account.balance()
                    + ", the transaction needs " + debit);
        }
        return new TxResult.Applied(body.fee());
    }
}
