package io.learnchain.chain.genesis;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.state.Account;
import io.learnchain.chain.state.WorldState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a chain starts from. Its hash (SHA-256 of {@link #canonicalBytes()}) is the chain id:
 * the hash of the virtual block at height 0, the {@code previous} of block 1, and what peers
 * compare at handshake. Premined balances are kept sorted by address, so two files listing the
 * same balances in a different order give the same chain.
 *
 * @param engine the consensus engine and its parameters
 * @param targetBlockSeconds the interval the difficulty adjustment aims at
 * @param initialDifficulty expected hashes per idle block at the start (1 = any hash)
 * @param blockSubsidy newly minted units a coinbase may claim per block, on top of fees
 * @param timestamp seconds since the epoch; block 1 must not be older
 */
public record Genesis(
        String chainName,
        Engine engine,
        long targetBlockSeconds,
        long initialDifficulty,
        List<Premine> premine,
        ProtocolLimits limits,
        Amount blockSubsidy,
        long timestamp) {
    public static final int VERSION = 1;
    public static final List<String> ENGINES = Engine.NAMES;

    public Genesis {
        Objects.requireNonNull(chainName, "chainName");
        if (chainName.isBlank() || chainName.length() > 64) {
            throw new IllegalArgumentException("chain name must be 1-64 characters, got '" + chainName + "'");
        }
        Objects.requireNonNull(engine, "engine");
        if (targetBlockSeconds < 1) {
            throw new IllegalArgumentException(
                    "target block time must be at least 1 second, got " + targetBlockSeconds);
        }
        if (initialDifficulty < 1) {
            throw new IllegalArgumentException("initial difficulty must be at least 1, got " + initialDifficulty);
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(blockSubsidy, "blockSubsidy");
        if (timestamp < 0) {
            throw new IllegalArgumentException("genesis timestamp must not be negative, got " + timestamp);
        }
        premine = sortedUnique(premine);
    }

    /** The dqn engine's parameters, when the chain runs it. */
    public Optional<DqnParameters> dqn() {
        return engine.dqn();
    }

    private static List<Premine> sortedUnique(List<Premine> premine) {
        List<Premine> sorted = new ArrayList<>(premine);
        sorted.sort(Comparator.comparing(Premine::address));
        Amount total = Amount.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && sorted.get(i).address().equals(sorted.get(i - 1).address())) {
                throw new IllegalArgumentException(
                        "address " + sorted.get(i).address() + " is premined twice: merge the entries");
            }
            try {
                total = total.add(sorted.get(i).amount());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("premined balances add up to more than the maximum amount", e);
            }
        }
        return List.copyOf(sorted);
    }

    /** Canonical bytes (see {@link GenesisCodec}). */
    public byte[] canonicalBytes() {
        return GenesisCodec.INSTANCE.encode(this);
    }

    /** The chain id: SHA-256 of the canonical genesis bytes. */
    public Hash chainId() {
        return Hash.sha256(canonicalBytes());
    }

    /** The state at height 0: each premined address holds its balance, nonce 0. */
    public WorldState initialState() {
        TreeMap<Address, Account> accounts = new TreeMap<>();
        for (Premine p : premine) {
            accounts.put(p.address(), Account.withBalance(p.amount()));
        }
        return WorldState.of(accounts);
    }

    /** The dev chain: see {@link DevAccounts}. */
    public static Genesis devnet(int accounts, Amount eachBalance, long initialDifficulty, long timestamp) {
        List<Premine> premine = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            premine.add(new Premine(DevAccounts.address(i), eachBalance));
        }
        return new Genesis(
                "learnchain-devnet",
                Engine.IDLE,
                10,
                initialDifficulty,
                premine,
                ProtocolLimits.DEFAULT,
                Amount.ofCoins(50),
                timestamp);
    }

    /**
     * A dqn dev chain: {@code accounts} dev accounts of 1,000,000 coins, the given environment,
     * option and award, the environment's default learner settings, no subsidy (the miner earns
     * R_max per block), timestamp {@code timestamp}.
     */
    public static Genesis dqnDevnet(
            int accounts, String environment, ForkOption option, Amount awardPerUnit, long timestamp) {
        List<Premine> premine = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            premine.add(new Premine(DevAccounts.address(i), Amount.ofCoins(1_000_000)));
        }
        return new Genesis(
                "learnchain-dqn-" + environment,
                new Engine.Dqn(DqnParameters.defaults(environment, option, awardPerUnit)),
                1,
                1,
                premine,
                ProtocolLimits.DEFAULT,
                Amount.ZERO,
                timestamp);
    }

    /** The default dev chain: 10 accounts of 1,000,000 coins, difficulty 1 (instant blocks), timestamp 0. */
    public static Genesis devnet() {
        return devnet(DevAccounts.DEFAULT_COUNT, Amount.ofCoins(1_000_000), 1, 0);
    }
}
