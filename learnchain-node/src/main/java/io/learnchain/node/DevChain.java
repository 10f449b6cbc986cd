package io.learnchain.node;

import io.learnchain.base.Amount;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.Premine;
import io.learnchain.chain.genesis.ProtocolLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The dev chain of `learnchain node --dev`: {@link DevAccounts#DEFAULT_COUNT} public, prefunded
 * accounts (as {@link Genesis#devnet()}), engine {@code pole} so one dev node can post a task and
 * mine it (idle blocks at difficulty 1 while no task is open), and the block time as the genesis
 * target interval. {@link Genesis#devnet()} itself stays the idle-engine chain its vectors pin.
 */
public final class DevChain {
    public static final long DEFAULT_BLOCK_SECONDS = 10;
    public static final Engine ENGINE = Engine.POLE;

    private DevChain() {}

    public static Genesis genesis(long blockSeconds) {
        if (blockSeconds < 1) {
            throw new IllegalArgumentException("--block-time must be at least 1 second, got " + blockSeconds);
        }
        Genesis base = Genesis.devnet();
        List<Premine> premine = new ArrayList<>(base.premine());
        return new Genesis(
                base.chainName(),
                ENGINE,
                blockSeconds,
                base.initialDifficulty(),
                premine,
                ProtocolLimits.DEFAULT,
                base.blockSubsidy(),
                base.timestamp());
    }

    /**
     * The dqn dev chain of `learnchain node --dev --engine dqn`: {@link Genesis#dqnDevnet} for
     * {@code environment} (cartpole, gridworld or inventory) with the public dev accounts, fork
     * option a (last reward) and 10 coins per block.
     */
    public static Genesis dqnGenesis(String environment) {
        return Genesis.dqnDevnet(
                DevAccounts.DEFAULT_COUNT,
                environment,
                ForkOption.LAST_REWARD,
                Amount.ofCoins(DQN_AWARD_PER_UNIT_COINS),
                Genesis.devnet().timestamp());
    }

    /** The dqn dev chain's R_max in coins. */
    public static final long DQN_AWARD_PER_UNIT_COINS = 10;

    /** The default environment of a dqn dev chain. */
    public static final String DQN_DEFAULT_ENVIRONMENT = "cartpole";

    /** The coins each dev account starts with. */
    public static Amount premineEach() {
        return Genesis.devnet().premine().getFirst().amount();
    }
}
