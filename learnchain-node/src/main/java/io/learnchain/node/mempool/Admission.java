package io.learnchain.node.mempool;

import io.learnchain.base.Hash;
import java.util.Locale;
import java.util.Objects;

/** The mempool's answer to a submitted transaction. */
public sealed interface Admission {

    record Accepted(Hash hash) implements Admission {
        public Accepted {
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** Refused; {@code reason} is a stable code for clients and metrics, {@code message} says what to do. */
    record Rejected(Reason reason, String message) implements Admission {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    enum Reason {
        BAD_SIGNATURE,
        WRONG_CHAIN,
        NONCE_TOO_LOW,
        NONCE_TOO_HIGH,
        INSUFFICIENT_FUNDS,
        FEE_TOO_LOW,
        ALREADY_KNOWN,
        REPLACEMENT_UNDERPRICED,
        SENDER_LIMIT,
        POOL_FULL,
        INVALID;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
