package io.learnchain.node.mempool;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
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
import io.learnchain.chain.tx.WorkFraud;
import java.util.Comparator;

/** A transaction in the pool with what ordering needs, computed once. */
record PendingTx(SignedTransaction tx, Hash hash, Address sender, long nonce, Amount fee, Amount cost, long arrival) {

    /** Cheapest first; among equal fees the latest arrival first (it is evicted before older ones). */
    static final Comparator<PendingTx> CHEAPEST_FIRST = Comparator.comparing(PendingTx::fee)
            .thenComparing(Comparator.comparingLong(PendingTx::arrival).reversed())
            .thenComparing(PendingTx::hash);

    static PendingTx of(SignedTransaction tx, long arrival) {
        return new PendingTx(
                tx,
                tx.hash(),
                tx.body().senderAddress(),
                tx.body().nonce(),
                tx.body().fee(),
                costOf(tx),
                arrival);
    }

    /** What the sender's balance must cover: the fee plus what the payload moves out. */
    static Amount costOf(SignedTransaction tx) {
        Amount moved = switch (tx.body().payload()) {
            case Transfer t -> t.amount();
            case PostTask t -> t.escrow();
            case CancelTask t -> Amount.ZERO;
            case RevealShard t -> Amount.ZERO;
            case WorkFraud t -> Amount.ZERO;
            case DeployModel t -> Amount.ZERO;
            case RevealParts t -> Amount.ZERO;
            case ProposeUpdate t -> Amount.ZERO;
            case Challenge t -> Amount.ZERO;
            case GrowModel t -> Amount.ZERO;
        };
        return tx.body().fee().add(moved);
    }
}
