package io.learnchain.chain.validation;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.ProtocolLimits;
import java.util.Objects;

/**
 * The consensus parameters a block is checked against, derived from the genesis. When rules
 * change by height, a schedule will hand out one of these per height; the processor only sees
 * this record.
 *
 * @param maxFutureSeconds how far a header's timestamp may run ahead of the local clock before
 *     the block is undecided (retry later) rather than accepted
 */
public record ChainRules(Hash chainId, ProtocolLimits limits, Amount blockSubsidy, long targetBlockSeconds,
        long initialDifficulty, long maxFutureSeconds) {
    public static final long DEFAULT_MAX_FUTURE_SECONDS = 15;

    public ChainRules {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(blockSubsidy, "blockSubsidy");
        if (targetBlockSeconds < 1 || initialDifficulty < 1 || maxFutureSeconds < 0) {
            throw new IllegalArgumentException("target seconds and initial difficulty must be positive and the "
                    + "future allowance not negative");
        }
    }

    public static ChainRules of(Genesis genesis) {
        return new ChainRules(genesis.chainId(), genesis.limits(), genesis.blockSubsidy(),
                genesis.targetBlockSeconds(), genesis.initialDifficulty(), DEFAULT_MAX_FUTURE_SECONDS);
    }
}
