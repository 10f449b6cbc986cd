package io.learnchain.node.mempool;

import io.learnchain.base.Amount;
import java.util.Objects;

/**
 * Mempool limits.
 *
 * @param maxTransactions the pool's capacity; when full, a new transaction must pay more than the cheapest
 * @param maxPerSender how many pending transactions one sender may have queued
 * @param maxNonceGap how far above its account nonce a sender may queue
 * @param minFee the smallest fee the pool accepts
 */
public record MempoolConfig(int maxTransactions, int maxPerSender, long maxNonceGap, Amount minFee) {
    public static final MempoolConfig DEFAULT = new MempoolConfig(10_000, 64, 64, Amount.ZERO);

    public MempoolConfig {
        if (maxTransactions < 1 || maxPerSender < 1 || maxNonceGap < 1) {
            throw new IllegalArgumentException("mempool limits must be positive, got " + maxTransactions + ", "
                    + maxPerSender + ", " + maxNonceGap);
        }
        Objects.requireNonNull(minFee, "minFee");
    }
}
