package io.learnchain.chain.state;

/** Where a task stands. Only OPEN tasks are chosen for rounds. */
public enum TaskStatus {
    /** Posted, escrow left, rounds to go. */
    OPEN,
    /** Every round paid or forfeited; escrow is zero. */
    FINISHED,
    /** Withdrawn by the requester with CancelTask. */
    CANCELLED,
    /** Closed after {@code TaskState.MAX_FORFEITS} forfeited rounds; the rest of the escrow returned minus the penalty. */
    CLOSED_FORFEITED
}
