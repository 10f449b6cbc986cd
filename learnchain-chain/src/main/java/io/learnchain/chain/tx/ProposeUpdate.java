package io.learnchain.chain.tx;

import io.learnchain.base.Hash;
import java.util.Objects;

/**
 * A participant proposes new weights for lifelong model {@code modelId}: the parent weights hash
 * (must be the current model), the new weights blob hash and the claimed loss on Dk in micro-nats
 * (recomputed bit-exactly by every node; valid only if equal and lower than the current loss).
 */
public record ProposeUpdate(long modelId, Hash parent, Hash weights, long claimedLoss) implements Payload {
    public static final int TAG = 18;

    public ProposeUpdate {
        LifelongIds.check(modelId);
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(weights, "weights");
        if (claimedLoss < 0) {
            throw new IllegalArgumentException("a loss is >= 0 micro-nats, got " + claimedLoss);
        }
    }

    @Override
    public int tag() {
        return TAG;
    }
}
