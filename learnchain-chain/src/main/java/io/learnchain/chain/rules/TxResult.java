package io.learnchain.chain.rules;

import io.learnchain.base.Amount;
import java.util.Objects;

/** The outcome of one transaction against the state: applied (paying {@code fee}) or rejected. */
public sealed interface TxResult {

    record Applied(Amount fee) implements TxResult {
        public Applied {
            Objects.requireNonNull(fee, "fee");
        }
    }

    record Rejected(InvalidReason reason, String detail) implements TxResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
