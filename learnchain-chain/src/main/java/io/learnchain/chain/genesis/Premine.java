package io.learnchain.chain.genesis;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import java.util.Objects;

/** A balance the genesis assigns. */
public record Premine(Address address, Amount amount) {
    public Premine {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(amount, "amount");
    }
}
