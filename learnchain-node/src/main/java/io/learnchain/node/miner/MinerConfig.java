package io.learnchain.node.miner;

import io.learnchain.base.Address;
import io.learnchain.base.crypto.KeyPair;
import java.util.Objects;

/**
 * The miner's settings.
 *
 * @param key signs the blocks; the coinbase pays {@code coinbaseRecipient}
 * @param minBlockIntervalSeconds wait this long after the tip's timestamp before sealing the next
 *     block (dev chains: the --block-time; 0 = seal at once and let the difficulty pace blocks)
 * @param sliceTries nonces tried between checks for a new tip or a stop request
 * @param maxTransactions user transactions per block at most (the chain's own limits apply too)
 */
public record MinerConfig(
        KeyPair key, Address coinbaseRecipient, long minBlockIntervalSeconds, long sliceTries, int maxTransactions) {
    public static final long DEFAULT_SLICE_TRIES = 20_000;

    public MinerConfig {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(coinbaseRecipient, "coinbaseRecipient");
        if (minBlockIntervalSeconds < 0 || sliceTries < 1 || maxTransactions < 0) {
            throw new IllegalArgumentException("miner interval must be >= 0, slice and transaction limits positive;"
                    + " got " + minBlockIntervalSeconds + ", " + sliceTries + ", " + maxTransactions);
        }
    }

    /** Mines to the key's own address. */
    public static MinerConfig of(KeyPair key, long minBlockIntervalSeconds) {
        return new MinerConfig(key, Address.of(key.publicKey()), minBlockIntervalSeconds, DEFAULT_SLICE_TRIES, 5_000);
    }
}
