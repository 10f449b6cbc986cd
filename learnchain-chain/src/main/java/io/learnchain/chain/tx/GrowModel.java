package io.learnchain.chain.tx;

import io.learnchain.base.Hash;
import java.util.List;
import java.util.Objects;

/**
 * The initiator grows lifelong model {@code modelId} once its loss is under the threshold: the
 * grown spec (new output classes, optionally new neurons in the last hidden dense layer), the grown
 * weights blob (every old weight bit-identical at its new place, checked byte for byte), the new
 * threshold, and new test parts for the new classes of which the chain picks {@code selectCount}.
 */
public record GrowModel(
        long modelId,
        Hash parent,
        String grownSpec,
        Hash grownWeights,
        long growthThreshold,
        int selectCount,
        List<Hash> partHashes)
        implements Payload {
    public static final int TAG = 20;

    public GrowModel {
        LifelongIds.check(modelId);
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(grownSpec, "grownSpec");
        Objects.requireNonNull(grownWeights, "grownWeights");
        partHashes = List.copyOf(partHashes);
        if (grownSpec.isEmpty() || grownSpec.length() > DeployModel.MAX_SPEC_BYTES) {
            throw new IllegalArgumentException(
                    "a model spec of 1.." + DeployModel.MAX_SPEC_BYTES + " characters is needed");
        }
        if (growthThreshold < 0) {
            throw new IllegalArgumentException("the growth threshold is a loss in micro-nats, >= 0");
        }
        DeployModel.checkParts(partHashes, selectCount);
    }

    @Override
    public int tag() {
        return TAG;
    }
}
