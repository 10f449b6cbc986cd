package io.learnchain.chain.tx;

import io.learnchain.base.Hash;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The requester reveals the test shard of the round that builds on {@code previous}: it must be
 * the shard the chain chose and hash to the committed {@code shardHash}. A pole block carries it
 * as its last transaction (outside the miner's commitment, which predates it).
 *
 * <p>{@code witnessed} lists, in the order they reached the requester, the commitments of the round
 * it had received when it signed the reveal (at most {@link #MAX_WITNESSED}, no id twice). A pole
 * block is valid only if its own commitment is listed, and a model hash belongs to its first listed
 * committer: the timing of a commitment is a chain fact that a node syncing later checks as a node
 * online during the round does (PROTOCOL.md 3.3).
 *
 * <p>{@code roundKeys}: for a private task (PROTOCOL.md 3.9), the k functional keys of the round's
 * rows that the requester released when the parent arrived, so that a node syncing later reads
 * them from the chain; empty for a task in the clear. A reveal with keys is encoded under its own
 * tag ({@link #KEYED_TAG}): the fields of a plain reveal, then the keys, so a reveal without them
 * encodes as before.
 */
public record RevealShard(
        long taskId,
        Hash previous,
        int shardIndex,
        Hash shardHash,
        List<WitnessedCommitment> witnessed,
        List<FunctionalKey> roundKeys)
        implements Payload {
    public static final int TAG = 4;
    /** The tag of a reveal that carries a private round's keys. */
    public static final int KEYED_TAG = 7;
    /** Keys one reveal carries at most (one per row of the widest mapping layer). */
    public static final int MAX_KEYS = ProjectionSpec.MAX_WIDTH;
    /** Commitments one reveal lists at most (16 KiB of the block). */
    public static final int MAX_WITNESSED = 256;

    public RevealShard {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(shardHash, "shardHash");
        witnessed = List.copyOf(witnessed);
        roundKeys = List.copyOf(roundKeys);
        if (roundKeys.size() > MAX_KEYS) {
            throw new IllegalArgumentException(
                    "a reveal carries at most " + MAX_KEYS + " round keys, got " + roundKeys.size());
        }
        if (witnessed.size() > MAX_WITNESSED) {
            throw new IllegalArgumentException(
                    "a reveal lists at most " + MAX_WITNESSED + " commitments, got " + witnessed.size());
        }
        var ids = new HashSet<Hash>();
        for (WitnessedCommitment w : witnessed) {
            if (!ids.add(w.id())) {
                throw new IllegalArgumentException("commitment " + w.id().shortHex() + " is listed twice");
            }
        }
        if (taskId < 1) {
            throw new IllegalArgumentException("task ids start at 1, got " + taskId);
        }
        if (shardIndex < 0 || shardIndex >= PostTask.MAX_SHARDS) {
            throw new IllegalArgumentException(
                    "shard index must be 0.." + (PostTask.MAX_SHARDS - 1) + ", got " + shardIndex);
        }
    }

    /** A reveal of a task in the clear (no round keys). */
    public RevealShard(
            long taskId, Hash previous, int shardIndex, Hash shardHash, List<WitnessedCommitment> witnessed) {
        this(taskId, previous, shardIndex, shardHash, witnessed, List.of());
    }

    /** The first listed commitment to {@code modelHash}, if any. */
    public Optional<WitnessedCommitment> firstCommitterOf(Hash modelHash) {
        return witnessed.stream().filter(w -> w.modelHash().equals(modelHash)).findFirst();
    }

    /** Where the commitment {@code id} is listed (0 first), or -1 when it is not. */
    public int indexOf(Hash id) {
        for (int i = 0; i < witnessed.size(); i++) {
            if (witnessed.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the commitment {@code id} is listed. */
    public boolean lists(Hash id) {
        return indexOf(id) >= 0;
    }

    @Override
    public int tag() {
        return roundKeys.isEmpty() ? TAG : KEYED_TAG;
    }
}
