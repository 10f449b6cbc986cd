package io.learnchain.chain.block;

/**
 * Hash proof of work for idle blocks (no open learning task): the block hash, read as an unsigned
 * 256-bit big-endian number, must be at most (2^256 - 1) / difficulty. The nonce is the last
 * field of the unsigned header so a miner only rehashes the final 8 bytes.
 */
public record IdleProof(long difficulty, long nonce) implements EngineProof {
    public static final int TAG = 0;

    public IdleProof {
        if (difficulty < 1) {
            throw new IllegalArgumentException("difficulty must be at least 1, got " + difficulty);
        }
    }

    public IdleProof withNonce(long newNonce) {
        return new IdleProof(difficulty, newNonce);
    }

    @Override
    public int tag() {
        return TAG;
    }
}
