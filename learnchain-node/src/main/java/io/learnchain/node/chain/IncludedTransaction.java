package io.learnchain.node.chain;

import io.learnchain.chain.tx.Transaction;
import io.learnchain.node.storage.TxLocation;
import java.util.Objects;

/** A transaction of the canonical chain and where it sits. */
public record IncludedTransaction(Transaction transaction, TxLocation location) {
    public IncludedTransaction {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(location, "location");
    }
}
