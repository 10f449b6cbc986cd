package io.learnchain.chain.transition;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Height;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.lifelong.LifelongProcessor;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.Challenge;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.tx.WorkFraud;
import java.util.Optional;

/**
 * Applies one signed transaction to a {@link StateDelta}, or says which rule it breaks. The checks,
 * in order: chain id, signature, nonce (must equal the sender's), amount + fee without overflow,
 * balance covers it, then the payload's own effect. Nothing is written unless every check passes.
 */
public final class TransactionProcessor {
    private TransactionProcessor() {}

    public static TxResult apply(SignedTransaction tx, StateDelta state, ChainRules rules, SignatureVerifier verifier) {
        return apply(tx, state, rules, verifier, Height.GENESIS);
    }

    /** Applies {@code tx} as part of the block at {@code height} (recorded as the posting height of a task). */
    public static TxResult apply(
            SignedTransaction tx, StateDelta state, ChainRules rules, SignatureVerifier verifier, Height height) {
        return apply(tx, state, rules, verifier, height, LifelongEnv.NONE);
    }

    /** As above, with the blobs and pool lifelong transactions are evaluated with. */
    public static TxResult apply(
            SignedTransaction tx,
            StateDelta state,
            ChainRules rules,
            SignatureVerifier verifier,
            Height height,
            LifelongEnv env) {
        TxBody body = tx.body();
        Optional<TxResult.Rejected> stateless = checkStateless(tx, rules, verifier);
        if (stateless.isPresent()) {
            return stateless.get();
        }
        Address sender = body.senderAddress();
        Account account = state.account(sender);
        if (body.nonce() != account.nonce()) {
            return new TxResult.Rejected(
                    InvalidReason.NONCE_MISMATCH,
                    "transaction from " + sender + " has nonce "
                            + body.nonce() + ", the account's next nonce is " + account.nonce()
                            + (body.nonce() < account.nonce() ? " (a replay of a spent nonce)" : " (a gap)"));
        }
        return switch (body.payload()) {
            case Transfer t -> transfer(body, t, sender, account, state);
            case PostTask p -> TaskProcessor.post(body, p, sender, account, state, height);
            case CancelTask c -> TaskProcessor.cancel(body, c, sender, account, state);
            case RevealShard r -> TaskProcessor.reveal(body, r, sender, account, state);
            case WorkFraud f -> TaskProcessor.fraud(body, f, sender, account, state, env);
            case DeployModel d -> LifelongProcessor.deploy(call(body, sender, account, state, height, rules, env), d);
            case RevealParts r -> LifelongProcessor.reveal(call(body, sender, account, state, height, rules, env), r);
            case ProposeUpdate p ->
                LifelongProcessor.propose(call(body, sender, account, state, height, rules, env), p);
            case Challenge c ->
                LifelongProcessor.challenge(
                        call(body, sender, account, state, height, rules, env),
                        c,
                        verifier.verify(c.claim()),
                        c.claim().body().chainId().equals(rules.chainId()));
            case GrowModel g -> LifelongProcessor.grow(call(body, sender, account, state, height, rules, env), g);
        };
    }

    private static LifelongProcessor.Call call(
            TxBody body,
            Address sender,
            Account account,
            StateDelta state,
            Height height,
            ChainRules rules,
            LifelongEnv env) {
        return new LifelongProcessor.Call(
                body, sender, account, state, height, rules.limits().maxModelBytes(), env);
    }

    /** Chain id and signature: the checks that need no state. Null when both pass. */
    static Optional<TxResult.Rejected> checkStateless(
            SignedTransaction tx, ChainRules rules, SignatureVerifier verifier) {
        TxBody body = tx.body();
        if (!body.chainId().equals(rules.chainId())) {
            return Optional.of(new TxResult.Rejected(
                    InvalidReason.WRONG_CHAIN_ID,
                    "transaction is for chain " + body.chainId().shortHex() + ", this chain is "
                            + rules.chainId().shortHex()));
        }
        if (!verifier.verify(tx)) {
            return Optional.of(new TxResult.Rejected(
                    InvalidReason.BAD_TX_SIGNATURE,
                    "signature of transaction from " + body.senderAddress() + " nonce " + body.nonce()
                            + " does not verify"));
        }
        return Optional.empty();
    }

    /** The amount a transaction takes from its sender (payload amount + fee); empty when it overflows. */
    static Optional<Amount> debitOf(TxBody body) {
        try {
            Amount moved = switch (body.payload()) {
                case Transfer t -> t.amount();
                case PostTask p -> p.escrow();
                case CancelTask c -> Amount.ZERO;
                case RevealShard r -> Amount.ZERO;
                case WorkFraud f -> Amount.ZERO;
                case DeployModel d -> Amount.ZERO;
                case RevealParts r -> Amount.ZERO;
                case ProposeUpdate p -> Amount.ZERO;
                case Challenge c -> Amount.ZERO;
                case GrowModel g -> Amount.ZERO;
            };
            return Optional.of(moved.add(body.fee()));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static TxResult transfer(TxBody body, Transfer t, Address sender, Account account, StateDelta state) {
        Optional<Amount> debitOrOverflow = debitOf(body);
        if (debitOrOverflow.isEmpty()) {
            return new TxResult.Rejected(
                    InvalidReason.OVERFLOW, "amount " + t.amount() + " + fee " + body.fee() + " overflows");
        }
        Amount debit = debitOrOverflow.get();
        if (!account.balance().isAtLeast(debit)) {
            return new TxResult.Rejected(
                    InvalidReason.INSUFFICIENT_BALANCE,
                    sender + " has " + account.balance() + " but the transaction needs " + debit + " (amount "
                            + t.amount() + " + fee " + body.fee() + ")");
        }
        Account debited = account.debitAndAdvance(debit);
        state.put(sender, debited);
        Account recipient = state.account(t.to());
        Account credited;
        try {
            credited = recipient.credit(t.amount());
        } catch (ArithmeticException e) {
            state.put(sender, account);
            return new TxResult.Rejected(
                    InvalidReason.OVERFLOW,
                    "crediting " + t.amount() + " to " + t.to() + " overflows its balance " + recipient.balance());
        }
        state.put(t.to(), credited);
        return new TxResult.Applied(body.fee());
    }
}
