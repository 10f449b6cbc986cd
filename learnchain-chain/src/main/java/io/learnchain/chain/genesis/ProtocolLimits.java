package io.learnchain.chain.genesis;

/**
 * Size and depth limits fixed by the genesis. Blob and model limits bound what the learning
 * engines accept; block limits bound what a peer can make a node validate.
 */
public record ProtocolLimits(
        int maxBlockBytes, int maxTransactions, long maxModelBytes, long maxBlobBytes, int maxReorgDepth) {

    public static final ProtocolLimits DEFAULT =
            new ProtocolLimits(4 * 1024 * 1024, 10_000, 64L << 20, 256L << 20, 100);

    public ProtocolLimits {
        requirePositive(maxBlockBytes, "maxBlockBytes");
        requirePositive(maxTransactions, "maxTransactions");
        requirePositive(maxModelBytes, "maxModelBytes");
        requirePositive(maxBlobBytes, "maxBlobBytes");
        requirePositive(maxReorgDepth, "maxReorgDepth");
    }

    private static void requirePositive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }
}
