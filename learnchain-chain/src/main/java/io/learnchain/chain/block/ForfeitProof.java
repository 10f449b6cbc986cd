package io.learnchain.chain.block;

/**
 * An idle block that ends a learning round without a winner: the requester of {@code taskId} did
 * not reveal the round's shard within the task's maximum phase time, so the round's reward is
 * burned from escrow (the "round forfeited" marker). Sealed by hash proof of work like
 * {@link IdleProof}.
 */
public record ForfeitProof(long taskId, long difficulty, long nonce) implements EngineProof {
    public static final int TAG = 2;

    public ForfeitProof {
        if (taskId < 1) {
            throw new IllegalArgumentException("task ids start at 1, got " + taskId);
        }
        if (difficulty < 1) {
            throw new IllegalArgumentException("difficulty must be at least 1, got " + difficulty);
        }
    }

    public ForfeitProof withNonce(long newNonce) {
        return new ForfeitProof(taskId, difficulty, newNonce);
    }

    @Override
    public int tag() {
        return TAG;
    }
}
