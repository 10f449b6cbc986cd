package io.learnchain.chain.rules;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.ProtocolLimits;
import java.util.Objects;
import java.util.Optional;

/**
 * The consensus parameters a block is checked against, derived from the genesis. When rules
 * change by height, a schedule will hand out one of these per height; the processor only sees
 * this record.
 *
 * @param maxFutureSeconds how far a header's timestamp may run ahead of the local clock before
 *     the block is undecided (retry later) rather than accepted
 * @param dqn the dqn engine's parameters: present exactly on a dqn chain, whose blocks must all be dqn blocks
 */
public record ChainRules(
        Hash chainId,
        ProtocolLimits limits,
        Amount blockSubsidy,
        long targetBlockSeconds,
        long initialDifficulty,
        long maxFutureSeconds,
        Optional<DqnParameters> dqn) {
    public static final long DEFAULT_MAX_FUTURE_SECONDS = 15;

    public ChainRules {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(blockSubsidy, "blockSubsidy");
        if (targetBlockSeconds < 1 || initialDifficulty < 1 || maxFutureSeconds < 0) {
            throw new IllegalArgumentException("target seconds and initial difficulty must be positive and the "
                    + "future allowance not negative");
        }
        Objects.requireNonNull(dqn, "dqn");
    }

    /** Rules of a chain whose engine has no parameters of its own (idle or pole). */
    public ChainRules(
            Hash chainId,
            ProtocolLimits limits,
            Amount blockSubsidy,
            long targetBlockSeconds,
            long initialDifficulty,
            long maxFutureSeconds) {
        this(chainId, limits, blockSubsidy, targetBlockSeconds, initialDifficulty, maxFutureSeconds, Optional.empty());
    }

    public static ChainRules of(Genesis genesis) {
        return new ChainRules(
                genesis.chainId(),
                genesis.limits(),
                genesis.blockSubsidy(),
                genesis.targetBlockSeconds(),
                genesis.initialDifficulty(),
                DEFAULT_MAX_FUTURE_SECONDS,
                genesis.dqn());
    }
}
