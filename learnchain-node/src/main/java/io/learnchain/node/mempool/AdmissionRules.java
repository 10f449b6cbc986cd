package io.learnchain.node.mempool;

import io.learnchain.base.Amount;
import io.learnchain.chain.lifelong.LifelongProcessor;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.TxResult;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.transition.TransactionAdmission;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transfer;
import java.util.Optional;

/**
 * Whether a transaction may wait in the pool on top of the tip state: first the chain's own
 * admission check ({@link TransactionAdmission}: chain id, signature, spent nonce, balance), then the
 * pool's limits: a fee at the pool's minimum, a nonce not too far ahead, and a balance that also
 * covers the sender's lower-nonce pending transactions ({@code queuedBefore}).
 */
public final class AdmissionRules {
    private final ChainRules rules;
    private final SignatureVerifier verifier;
    private final boolean runsPoleRounds;

    /** Rules for a node that does not run proof-of-learning rounds: task transactions are refused. */
    public AdmissionRules(ChainRules rules, SignatureVerifier verifier) {
        this(rules, verifier, false);
    }

    /**
     * {@code runsPoleRounds}: this node's miner takes part in proof-of-learning rounds, so it may
     * accept task transactions (PostTask, CancelTask, RevealShard). A node whose miner only seals
     * idle blocks must not: a task accepted there would stall its own miner (idle blocks are
     * invalid while a task is open).
     */
    public AdmissionRules(ChainRules rules, SignatureVerifier verifier, boolean runsPoleRounds) {
        this.rules = rules;
        this.verifier = verifier;
        this.runsPoleRounds = runsPoleRounds;
    }

    public Optional<Admission.Rejected> check(
            SignedTransaction tx, WorldState state, Amount queuedBefore, MempoolConfig config) {
        if (!runsPoleRounds
                && !(tx.body().payload() instanceof Transfer)
                && !LifelongProcessor.isLifelong(tx.body().payload())) {
            return reject(
                    Admission.Reason.INVALID,
                    "this node's miner does not run proof-of-learning rounds, so it does "
                            + "not accept task transactions ("
                            + tx.body().payload().getClass().getSimpleName() + "); "
                            + "only transfers are accepted for now");
        }
        if (TransactionAdmission.check(tx, state, rules, verifier) instanceof TxResult.Rejected r) {
            return reject(reasonOf(r.reason()), r.detail() + hintFor(r.reason()));
        }
        var body = tx.body();
        if (body.fee().compareTo(config.minFee()) < 0) {
            return reject(
                    Admission.Reason.FEE_TOO_LOW,
                    "fee " + body.fee() + " is below this node's minimum " + config.minFee());
        }
        Account account = state.account(body.senderAddress());
        if (body.nonce() - account.nonce() >= config.maxNonceGap()) {
            return reject(
                    Admission.Reason.NONCE_TOO_HIGH,
                    "nonce " + body.nonce() + " is too far ahead of "
                            + body.senderAddress() + "'s next nonce " + account.nonce() + " (at most "
                            + config.maxNonceGap()
                            + " may queue)");
        }
        Amount needed;
        try {
            needed = queuedBefore.add(PendingTx.costOf(tx));
        } catch (ArithmeticException e) {
            return reject(Admission.Reason.INSUFFICIENT_FUNDS, "amount plus fee overflow: " + e.getMessage());
        }
        if (!account.balance().isAtLeast(needed)) {
            return reject(
                    Admission.Reason.INSUFFICIENT_FUNDS,
                    body.senderAddress() + " holds " + account.balance()
                            + " but this transaction and the sender's earlier pending ones need " + needed);
        }
        return Optional.empty();
    }

    static Admission.Reason reasonOf(InvalidReason reason) {
        return switch (reason) {
            case BAD_TX_SIGNATURE -> Admission.Reason.BAD_SIGNATURE;
            case WRONG_CHAIN_ID -> Admission.Reason.WRONG_CHAIN;
            case NONCE_TOO_LOW, NONCE_MISMATCH -> Admission.Reason.NONCE_TOO_LOW;
            case INSUFFICIENT_BALANCE, OVERFLOW -> Admission.Reason.INSUFFICIENT_FUNDS;
            default -> Admission.Reason.INVALID;
        };
    }

    private static String hintFor(InvalidReason reason) {
        return switch (reason) {
            case BAD_TX_SIGNATURE -> "; sign the transaction body with the sender's private key";
            case WRONG_CHAIN_ID -> "; sign it with this chain's id (see /api/v1/status)";
            case NONCE_TOO_LOW, NONCE_MISMATCH -> "; use the account's next nonce (see /api/v1/accounts/{address})";
            default -> "";
        };
    }

    private static Optional<Admission.Rejected> reject(Admission.Reason reason, String message) {
        return Optional.of(new Admission.Rejected(reason, message));
    }
}
