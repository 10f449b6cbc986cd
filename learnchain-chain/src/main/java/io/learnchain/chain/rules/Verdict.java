package io.learnchain.chain.rules;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import java.util.List;
import java.util.Objects;

/** The outcome of validating a block: valid, invalid (the block is bad) or undecided (try again later). */
public sealed interface Verdict {

    /** The block is valid; {@code tip} holds the state after it. */
    record Valid(ChainTip tip, Amount fees, List<Hash> transactionHashes) implements Verdict {
        public Valid {
            Objects.requireNonNull(tip, "tip");
            Objects.requireNonNull(fees, "fees");
            transactionHashes = List.copyOf(transactionHashes);
        }
    }

    /** The block breaks {@code reason}; remember it as bad and penalise whoever sent it. */
    record Invalid(InvalidReason reason, String detail) implements Verdict {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The block cannot be judged now; fetch what is missing and retry, never mark it bad. */
    record Undecided(UndecidedReason reason, String detail) implements Verdict {
        public Undecided {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static Invalid invalid(InvalidReason reason, String detail) {
        return new Invalid(reason, detail);
    }
}
