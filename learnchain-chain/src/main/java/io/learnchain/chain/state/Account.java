package io.learnchain.chain.state;

import io.learnchain.base.Amount;
import java.util.Objects;

/**
 * One account's state: balance, the nonce its next transaction must carry, and reputation (an
 * integer the proof-of-learning engine raises by one for each of the account's accepted pole blocks).
 */
public record Account(Amount balance, long nonce, long reputation) {
    public static final Account EMPTY = new Account(Amount.ZERO, 0, 0);

    public Account {
        Objects.requireNonNull(balance, "balance");
        if (nonce < 0) {
            throw new IllegalArgumentException("an account nonce cannot be negative, got " + nonce);
        }
        if (reputation < 0) {
            throw new IllegalArgumentException("reputation cannot be negative, got " + reputation);
        }
    }

    public static Account withBalance(Amount balance) {
        return new Account(balance, 0, 0);
    }

    public Account credit(Amount amount) {
        return new Account(balance.add(amount), nonce, reputation);
    }

    /** One more accepted proof-of-learning block by this account. */
    public Account withReputationIncrement() {
        return new Account(balance, nonce, Math.addExact(reputation, 1));
    }

    /** Debits {@code amount} and advances the nonce: the effect of one sent transaction. */
    public Account debitAndAdvance(Amount amount) {
        return new Account(balance.subtract(amount), Math.addExact(nonce, 1), reputation);
    }
}
