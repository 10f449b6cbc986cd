package io.learnchain.chain.tx;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Height;
import java.util.Objects;

/**
 * The block's own first transaction: mints at most the subsidy plus the fees of the block to
 * {@code recipient}. The height makes every coinbase hash unique.
 */
public record Coinbase(Height height, Address recipient, Amount amount) implements Transaction {
    public Coinbase {
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(amount, "amount");
    }
}
