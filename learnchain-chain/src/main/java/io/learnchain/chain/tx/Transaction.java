package io.learnchain.chain.tx;

import io.learnchain.base.Hash;

/**
 * A transaction in a block body: either the block's own {@link Coinbase} (first, unsigned) or a
 * {@link SignedTransaction} carrying one of the {@link Payload} kinds.
 */
public sealed interface Transaction permits Coinbase, SignedTransaction {

    /** SHA-256 of the canonical encoding (signature included): the transaction id. */
    default Hash hash() {
        return Hash.sha256(TransactionCodec.INSTANCE.encode(this));
    }
}
