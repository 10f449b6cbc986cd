package io.learnchain.node.chain;

import io.learnchain.base.Hash;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.UndecidedReason;
import java.util.Objects;

/** What {@link ChainService#importBlock} did with a block. */
public sealed interface ImportResult {

    Hash hash();

    /** The block is now the canonical tip (its batch is on disk); {@code reorganised} when the chain switched branches. */
    record Connected(Hash hash, boolean reorganised) implements ImportResult {}

    /** Stored on a side branch that is not (or may not become) the best chain. */
    record SideChain(Hash hash, String why) implements ImportResult {}

    record AlreadyKnown(Hash hash) implements ImportResult {}

    /** The block breaks a rule; it is remembered as bad. */
    record Rejected(Hash hash, InvalidReason reason, String detail) implements ImportResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Cannot be judged now (unknown parent, future timestamp, local storage failure); retry, never bad. */
    record Deferred(Hash hash, UndecidedReason reason, String detail) implements ImportResult {
        public Deferred {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
