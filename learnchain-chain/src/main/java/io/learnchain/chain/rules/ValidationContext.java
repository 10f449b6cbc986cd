package io.learnchain.chain.rules;

import io.learnchain.learn.compute.ComputePool;
import java.util.Objects;

/**
 * What block validation takes from the world outside the chain data: the local time (for the
 * future-timestamp check), the signature verifier (the node may hand in one that remembers
 * transactions the mempool already verified), the blobs pole blocks depend on, the
 * compute pool evaluations run on (the verdict never depends on its thread count), and where dqn
 * proposers' public learners are rebuilt from (without one a dqn block's policy stays undecided).
 */
public record ValidationContext(
        long nowSeconds, SignatureVerifier verifier, BlobView blobs, ComputePool pool, DqnLearners learners) {
    public ValidationContext {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(learners, "learners");
    }

    public ValidationContext(long nowSeconds, SignatureVerifier verifier, BlobView blobs, ComputePool pool) {
        this(nowSeconds, verifier, blobs, pool, DqnLearners.NONE);
    }

    public ValidationContext(long nowSeconds, SignatureVerifier verifier) {
        this(nowSeconds, verifier, BlobView.NONE, ComputePool.serial());
    }

    /** Ed25519 verification, no blobs, the serial pool. */
    public static ValidationContext at(long nowSeconds) {
        return new ValidationContext(nowSeconds, SignatureVerifier.ED25519);
    }

    public ValidationContext withBlobs(BlobView newBlobs) {
        return new ValidationContext(nowSeconds, verifier, newBlobs, pool, learners);
    }

    public ValidationContext withPool(ComputePool newPool) {
        return new ValidationContext(nowSeconds, verifier, blobs, newPool, learners);
    }

    /** The same context, rebuilding dqn proposers' learners with {@code newLearners}. */
    public ValidationContext withLearners(DqnLearners newLearners) {
        return new ValidationContext(nowSeconds, verifier, blobs, pool, newLearners);
    }
}
