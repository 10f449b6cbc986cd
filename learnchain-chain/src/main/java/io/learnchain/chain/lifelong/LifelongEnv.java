package io.learnchain.chain.lifelong;

import io.learnchain.chain.rules.BlobView;
import io.learnchain.learn.compute.ComputePool;
import java.util.Objects;

/**
 * What lifelong transactions take from outside the chain data: the blobs (weights, test parts) and
 * the compute pool losses are evaluated on (the loss never depends on its thread count). Without
 * blobs ({@link #NONE}) a lifelong transaction that needs one is rejected as LIFELONG_BLOB_MISSING;
 * a block checks its blobs first and is undecided when one is missing.
 */
public record LifelongEnv(BlobView blobs, ComputePool pool) {
    public static final LifelongEnv NONE = new LifelongEnv(BlobView.NONE, ComputePool.serial());

    public LifelongEnv {
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(pool, "pool");
    }
}
