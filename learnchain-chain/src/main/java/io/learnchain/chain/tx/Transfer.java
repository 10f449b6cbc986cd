package io.learnchain.chain.tx;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import java.util.Objects;

/** Moves {@code amount} from the sender to {@code to}. */
public record Transfer(Address to, Amount amount) implements Payload {
    public static final int TAG = 1;

    public Transfer {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amount, "amount");
    }

    @Override
    public int tag() {
        return TAG;
    }
}
