package io.learnchain.chain.state;

/**
 * Where a lifelong model stands. SELECTING: deployed (or grown) in the parent block, the next block's
 * previous hash (the including block's hash) picks Dk. REVEALING: Dk picked, the initiator must
 * reveal before the window closes. ACTIVE: proposals accepted. VOID: the deployment's reveal
 * window closed unrevealed. A growth's SELECTING/REVEALING leave the old model current; a missed
 * growth reveal drops the growth and the model is ACTIVE again.
 */
public enum LifelongStatus {
    SELECTING,
    REVEALING,
    ACTIVE,
    VOID
}
