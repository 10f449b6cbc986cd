package io.learnchain.chain.tx;

import io.learnchain.base.Hash;
import java.util.Objects;

/**
 * The requester reveals the test shard of the round that builds on {@code previous}: it must be
 * the shard the chain chose and hash to the committed {@code shardHash}. A pole block carries it
 * as its last transaction (outside the miner's commitment, which predates it).
 */
public record RevealShard(long taskId, Hash previous, int shardIndex, Hash shardHash) implements Payload {
    public static final int TAG = 4;

    public RevealShard {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(shardHash, "shardHash");
        if (taskId < 1) {
            throw new IllegalArgumentException("task ids start at 1, got " + taskId);
        }
        if (shardIndex < 0 || shardIndex >= PostTask.MAX_SHARDS) {
            throw new IllegalArgumentException(
                    "shard index must be 0.." + (PostTask.MAX_SHARDS - 1) + ", got " + shardIndex);
        }
    }

    @Override
    public int tag() {
        return TAG;
    }
}
