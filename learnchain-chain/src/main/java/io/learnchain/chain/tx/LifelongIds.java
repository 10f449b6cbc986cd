package io.learnchain.chain.tx;

/** Lifelong model ids count from 1 in deployment order. */
final class LifelongIds {
    private LifelongIds() {}

    static void check(long modelId) {
        if (modelId < 1) {
            throw new IllegalArgumentException("lifelong model ids start at 1, got " + modelId);
        }
    }
}
