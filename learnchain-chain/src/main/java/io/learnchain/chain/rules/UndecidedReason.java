package io.learnchain.chain.rules;

/** Why a block cannot be judged now. Never a reason to mark the block bad or punish the peer. */
public enum UndecidedReason {
    /** The header's timestamp is too far ahead of the local clock: retry when time has caught up. */
    FUTURE_TIMESTAMP,
    /** The parent block is not known here yet: fetch it first. */
    UNKNOWN_PARENT,
    /** A blob the block depends on is missing locally: fetch it and retry. */
    MISSING_DATA,
    /** Reading local storage failed: a local problem, not the block's. */
    STORAGE_FAILURE
}
