package io.learnchain.chain.tx;

import io.learnchain.base.Hash;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Deploys a lifelong model (paper 001, PROTOCOL.md 5): its canonical spec text, the initial weights
 * blob (canonical model bytes), the loss function, the loss (micro-nats) below which the model may
 * grow, how many of the test parts the chain picks ({@code selectCount}, Dk), the epoch length in
 * blocks (E), the reveal window in blocks (W) and the hashes of the initiator's n test parts (Dn).
 */
public record DeployModel(
        String modelSpec,
        Hash initialWeights,
        int lossFunction,
        long growthThreshold,
        int selectCount,
        int epochBlocks,
        int revealWindow,
        List<Hash> partHashes)
        implements Payload {
    public static final int TAG = 16;
    /** The only loss function of version 1: mean softmax cross-entropy in micro-nats. */
    public static final int LOSS_SOFTMAX_CROSS_ENTROPY = 0;

    public static final int MAX_PARTS = 64;
    public static final int MAX_SPEC_BYTES = 1024;
    public static final int MAX_EPOCH_BLOCKS = 100_000;
    public static final int MAX_REVEAL_WINDOW = 10_000;

    public DeployModel {
        Objects.requireNonNull(modelSpec, "modelSpec");
        Objects.requireNonNull(initialWeights, "initialWeights");
        partHashes = List.copyOf(partHashes);
        if (modelSpec.isEmpty() || modelSpec.length() > MAX_SPEC_BYTES) {
            throw new IllegalArgumentException("a model spec of 1.." + MAX_SPEC_BYTES + " characters is needed");
        }
        if (lossFunction != LOSS_SOFTMAX_CROSS_ENTROPY) {
            throw new IllegalArgumentException(
                    "unknown loss function " + lossFunction + " (version 1 knows 0: softmax cross-entropy)");
        }
        if (growthThreshold < 0) {
            throw new IllegalArgumentException(
                    "the growth threshold is a loss in micro-nats, >= 0, got " + growthThreshold);
        }
        checkParts(partHashes, selectCount);
        if (epochBlocks < 1 || epochBlocks > MAX_EPOCH_BLOCKS) {
            throw new IllegalArgumentException(
                    "epoch length must be 1.." + MAX_EPOCH_BLOCKS + " blocks, got " + epochBlocks);
        }
        if (revealWindow < 1 || revealWindow > MAX_REVEAL_WINDOW) {
            throw new IllegalArgumentException(
                    "reveal window must be 1.." + MAX_REVEAL_WINDOW + " blocks, got " + revealWindow);
        }
    }

    /** 1..64 distinct part hashes of which 1..n are picked. */
    static void checkParts(List<Hash> parts, int selectCount) {
        if (parts.isEmpty() || parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("1.." + MAX_PARTS + " test part hashes are needed, got " + parts.size());
        }
        if (new HashSet<>(parts).size() != parts.size()) {
            throw new IllegalArgumentException("test part hashes must be distinct");
        }
        if (selectCount < 1 || selectCount > parts.size()) {
            throw new IllegalArgumentException("the chain picks 1.." + parts.size() + " parts, got " + selectCount);
        }
    }

    @Override
    public int tag() {
        return TAG;
    }
}
