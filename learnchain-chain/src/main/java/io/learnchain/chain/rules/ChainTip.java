package io.learnchain.chain.rules;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.pow.Difficulty;
import io.learnchain.chain.state.WorldState;
import java.util.Objects;
import java.util.Optional;

/**
 * What a child block is checked against: the parent's hash, height, timestamp and difficulty,
 * the parent's own interval (for the difficulty adjustment), and the state after the parent.
 * At height 0 the "parent" is the genesis: its hash is the chain id. On a dqn chain the tip also
 * carries its block's {@link DqnProof} (where the environment stands and the fork score so far);
 * empty at genesis and for other engines.
 */
public record ChainTip(
        Hash hash,
        Height height,
        long timestamp,
        long difficulty,
        long parentTimestamp,
        WorldState state,
        Optional<DqnProof> dqn) {

    public ChainTip {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(state, "state");
        if (difficulty < 1) {
            throw new IllegalArgumentException("difficulty must be at least 1, got " + difficulty);
        }
        Objects.requireNonNull(dqn, "dqn");
    }

    /** A tip that carries no dqn step (genesis, idle and pole blocks). */
    public ChainTip(Hash hash, Height height, long timestamp, long difficulty, long parentTimestamp, WorldState state) {
        this(hash, height, timestamp, difficulty, parentTimestamp, state, Optional.empty());
    }

    /** The tip of stored block {@code header} with the state after it (a node loading its chain). */
    public static ChainTip of(BlockHeader header, long idleDifficulty, long parentTimestamp, WorldState state) {
        return new ChainTip(
                header.hash(),
                header.height(),
                header.timestamp(),
                idleDifficulty,
                parentTimestamp,
                state,
                dqnOf(header));
    }

    private static Optional<DqnProof> dqnOf(BlockHeader header) {
        return header.proof() instanceof DqnProof p ? Optional.of(p) : Optional.empty();
    }

    public static ChainTip genesis(Genesis genesis) {
        return new ChainTip(
                genesis.chainId(),
                Height.GENESIS,
                genesis.timestamp(),
                genesis.initialDifficulty(),
                genesis.timestamp(),
                genesis.initialState());
    }

    /**
     * The tip after connecting {@code header} on this one, with the state it produced. A pole or dqn
     * block keeps its parent's idle difficulty (it did no hash work).
     */
    public ChainTip child(BlockHeader header, WorldState newState) {
        long childDifficulty = switch (header.proof()) {
            case IdleProof p -> p.difficulty();
            case ForfeitProof p -> p.difficulty();
            case PoleProof p -> difficulty;
            case DqnProof p -> difficulty;
        };
        return new ChainTip(
                header.hash(),
                header.height(),
                header.timestamp(),
                childDifficulty,
                timestamp,
                newState,
                dqnOf(header));
    }

    /**
     * The difficulty an idle child of this tip must carry: the genesis difficulty for block 1,
     * then {@link Difficulty#next} of this tip's difficulty and interval.
     */
    public long nextDifficulty(ChainRules rules) {
        if (height.isGenesis()) {
            return rules.initialDifficulty();
        }
        return Difficulty.next(difficulty, timestamp - parentTimestamp, rules.targetBlockSeconds());
    }
}
