package io.learnchain.chain.tx;

import java.util.Objects;

/**
 * Proves a signed loss claim wrong (paper 001's vote, made provable): {@code claim} is a
 * ProposeUpdate signed by its proposer (for example seen in a mempool); the chain recomputes the
 * loss of its weights on the model's Dk and the challenge is valid only if the claim was false.
 */
public record Challenge(long modelId, SignedTransaction claim) implements Payload {
    public static final int TAG = 19;

    public Challenge {
        LifelongIds.check(modelId);
        Objects.requireNonNull(claim, "claim");
        if (!(claim.body().payload() instanceof ProposeUpdate p) || p.modelId() != modelId) {
            throw new IllegalArgumentException("a challenge carries a ProposeUpdate of model " + modelId);
        }
    }

    public ProposeUpdate proposal() {
        return (ProposeUpdate) claim.body().payload();
    }

    @Override
    public int tag() {
        return TAG;
    }
}
