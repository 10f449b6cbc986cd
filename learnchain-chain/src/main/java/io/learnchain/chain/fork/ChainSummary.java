package io.learnchain.chain.fork;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import java.util.Objects;

/**
 * What fork choice needs to know about a chain: its height, the score of its tip block (the
 * claimed correct-prediction count of a proof-of-learning block; 0 for idle blocks), the sum of
 * the scores of all its blocks, and the tip hash.
 */
public record ChainSummary(Height height, long tipScore, long summedScore, Hash tipHash) {
    public ChainSummary {
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(tipHash, "tipHash");
        if (tipScore < 0 || summedScore < 0) {
            throw new IllegalArgumentException("scores cannot be negative, got " + tipScore + " and " + summedScore);
        }
    }

    public static ChainSummary genesis(Hash chainId) {
        return new ChainSummary(Height.GENESIS, 0, 0, chainId);
    }

    /** The summary after appending a block with {@code hash} and {@code score}. */
    public ChainSummary extend(Hash hash, long score) {
        return new ChainSummary(height.next(), score, Math.addExact(summedScore, score), hash);
    }
}
