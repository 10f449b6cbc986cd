package io.learnchain.chain.rules;

/** Why a block or transaction breaks a consensus rule. Invalid means the sender is at fault. */
public enum InvalidReason {
    UNSUPPORTED_VERSION,
    WRONG_PREVIOUS,
    WRONG_HEIGHT,
    TIMESTAMP_BEFORE_PARENT,
    WRONG_ENGINE_PROOF,
    WRONG_DIFFICULTY,
    INSUFFICIENT_WORK,
    BAD_BLOCK_SIGNATURE,
    BLOCK_TOO_LARGE,
    TOO_MANY_TRANSACTIONS,
    TX_ROOT_MISMATCH,
    MISSING_COINBASE,
    MISPLACED_COINBASE,
    COINBASE_WRONG_HEIGHT,
    COINBASE_TOO_LARGE,
    STATE_ROOT_MISMATCH,
    WRONG_CHAIN_ID,
    TX_TOO_LARGE,
    BAD_TX_SIGNATURE,
    NONCE_MISMATCH,
    NONCE_TOO_LOW,
    INSUFFICIENT_BALANCE,
    OVERFLOW,
    // --- tasks (PostTask, CancelTask, RevealShard) ---
    UNKNOWN_TASK,
    NOT_REQUESTER,
    TASK_NOT_OPEN,
    // --- engine pole: the round's rules (a block, not a peer's local view) ---
    /** An idle proof while a task is open, a pole proof without one, or a forfeit for the wrong task. */
    WRONG_ROUND_TASK,
    /** A forfeit (idle fallback) block before the task's maximum phase time has passed. */
    FORFEIT_TOO_EARLY,
    BAD_COMMITMENT_SIGNATURE,
    /** The training record's data-order seed is not H(previous hash, miner address, nonce). */
    WRONG_DATA_ORDER_SEED,
    /** The training record continues a model other than the task's last winner re-keyed for this round. */
    WRONG_TRAINING_START,
    /** The pole block's last transaction is not the requester's reveal of the chosen shard. */
    MISSING_REVEAL,
    /** A RevealShard outside its round, or more than one. */
    UNEXPECTED_REVEAL,
    /** The shard index is not the one the chain chose (H(previous) mod unrevealed). */
    SHARD_NOT_CHOSEN,
    /** The revealed shard does not hash to the committed shard hash at its index. */
    WRONG_SHARD,
    MODEL_HASH_MISMATCH,
    MODEL_TOO_LARGE,
    NAN_WEIGHTS,
    MALFORMED_MODEL,
    /** The model's spec is not the task's. */
    WRONG_MODEL_SPEC,
    /** The model hash already won an earlier round. */
    STALE_MODEL,
    TRAINING_ACCURACY_NOT_MET,
    /** The recomputed correct count on the shard differs from the claim (higher or lower). */
    FALSE_SCORE_CLAIM,
    /** The task's committed training set or shard is not a data set this model can read (the requester's fault). */
    BAD_TASK_DATA,
    /** Replay verification: re-training from the record gives another model hash. */
    REPLAY_MISMATCH,
    /** The work proof has the wrong number of checkpoint hashes or openings for its record. */
    WRONG_WORK_SHAPE,
    /** Checkpoint 0 is not the record's start, or checkpoint K is not the committed model. */
    WORK_ENDS_MISMATCH,
    /** An opened checkpoint is unreadable or does not hash to the committed leaf of its segment. */
    BAD_WORK_OPENING,
    /** A challenged segment, replayed from its opened checkpoint, does not reach the next committed leaf. */
    WORK_SEGMENT_MISMATCH,
    /** A WorkFraud names a block whose payout the task does not hold (paid, refuted, or never won). */
    NO_HELD_REWARD,
    /** A WorkFraud whose segment replays correctly, or whose record, checkpoints or opening do not match. */
    FRAUD_NOT_PROVEN,
    /** The block's commitment is not among those the requester's reveal lists (it came after the reveal, or never). */
    NO_COMMITMENT,
    /** The reveal lists another commitment to the same model hash before this block's. */
    COPIED_MODEL,
    // --- lifelong models (PROTOCOL.md 5) ---
    /** No lifelong model has this id. */
    UNKNOWN_MODEL,
    /** Only the model's initiator may reveal its parts or grow it. */
    NOT_INITIATOR,
    /** A DeployModel whose spec does not parse or is not canonical. */
    BAD_DEPLOYMENT,
    /** The model is waiting for its parts (selecting, revealing, a growth pending) or void. */
    MODEL_NOT_ACTIVE,
    /** A RevealParts with no picked parts waiting. */
    NOTHING_TO_REVEAL,
    /** A revealed or used test part is not a data set the model reads (the initiator's fault). */
    BAD_TEST_PART,
    /** The proposal or growth does not build on the model's current weights. */
    WRONG_PARENT_MODEL,
    /** The claimed loss is not below the current loss. */
    LOSS_NOT_LOWER,
    /** The loss recomputed on Dk differs from the claim (either way). */
    WRONG_LOSS_CLAIM,
    /** The same weights were already proposed in the open epoch. */
    ALREADY_PROPOSED,
    /** A frozen (old) weight differs from the current model's, byte for byte. */
    FROZEN_WEIGHTS_CHANGED,
    /** A GrowModel while the loss is not below the growth threshold. */
    LOSS_ABOVE_THRESHOLD,
    /** A GrowModel whose spec is not a growth of the current spec. */
    NOT_A_GROWTH,
    /** A GrowModel while the open epoch has proposals. */
    PROPOSALS_PENDING,
    /** A Challenge of a claim that is right (or not signed by its proposer for this chain). */
    CHALLENGE_UNFOUNDED,
    /** A Challenge of a claim already proven false. */
    CHALLENGE_REPEATED,
    /** A Challenge of a claim on weights that are no longer current. */
    CHALLENGE_STALE,
    /**
     * A lifelong blob is not available where the transaction was applied (mempool, block assembly).
     * A block never gets this: it is undecided (MISSING_DATA) until the blob arrives.
     */
    LIFELONG_BLOB_MISSING,
    // --- engine dqn (PROTOCOL 4): the step must follow from the parent ---
    /** The action is outside the environment's action set. */
    DQN_INVALID_ACTION,
    /** S_{t+1} (or the terminal/done flags) is not what the action gives from the parent's state. */
    DQN_WRONG_STATE,
    /** R_{t+1} or the unshaped reward is not what the step gives. */
    DQN_WRONG_REWARD,
    /** The fork-choice score is not the genesis option's score of the rewards. */
    DQN_WRONG_SCORE,
    /** A task transaction (PostTask, CancelTask, RevealShard) in a dqn block: no learning rounds run there. */
    DQN_TASK_TRANSACTION,
    /** The block is stamped less than one slot after its parent (the slot rule: length cannot be bought). */
    DQN_EARLY_SLOT,
    /** The training record is not the one the proposer's public learner did at the parent. */
    DQN_WRONG_TRAINING,
    /** The action is not the epsilon-greedy choice of the proposer's public learner in S_t. */
    DQN_NOT_POLICY,
    /** The proposer's account holds less than the minimum at the parent (DqnRules.MIN_PROPOSER_BALANCE). */
    DQN_UNFUNDED_PROPOSER,
    // --- engine pole, private tasks (PROTOCOL 3.9) ---
    /**
     * The reveal's round keys are not the round's: keys for a task in the clear, none or a number
     * other than k for a private task, or a key j with g^{sk_j} != prod h_i^{y_ji} under the task's
     * master public key.
     */
    BAD_ROUND_KEYS;
}
