package io.learnchain.learn.rl;

import io.learnchain.base.Hash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * The training a node did for one block, published with its proposal so anyone holding the node's
 * learner state before the block can replay it ({@link DqnAgent#replay}): the Q-network weights hash
 * before and after, the target network hash after, the gradient-step counter before the block (it
 * fixes the optimizer step numbers and the target copies) and one batch seed per gradient step (an
 * empty list when the replay buffer was still below the warm-up size).
 */
public record DqnTrainingRecord(
        Hash weightsBefore, Hash weightsAfter, Hash targetAfter, long iterationBefore, List<Long> batchSeeds) {

    public DqnTrainingRecord {
        Objects.requireNonNull(weightsBefore, "weightsBefore");
        Objects.requireNonNull(weightsAfter, "weightsAfter");
        Objects.requireNonNull(targetAfter, "targetAfter");
        if (iterationBefore < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + iterationBefore);
        }
        batchSeeds = List.copyOf(batchSeeds);
    }

    /** Canonical bytes: the three hashes, iteration (int64 LE), seed count (uint32 LE), seeds (int64 LE). */
    public byte[] canonicalBytes() {
        ByteBuffer buf =
                ByteBuffer.allocate(3 * 32 + 12 + 8 * batchSeeds.size()).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(weightsBefore.toArray()).put(weightsAfter.toArray()).put(targetAfter.toArray());
        buf.putLong(iterationBefore).putInt(batchSeeds.size());
        for (long s : batchSeeds) {
            buf.putLong(s);
        }
        return buf.array();
    }

    public Hash hash() {
        return Hash.sha256(canonicalBytes());
    }
}
