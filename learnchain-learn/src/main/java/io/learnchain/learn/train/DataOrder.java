package io.learnchain.learn.train;

import io.learnchain.base.rng.SplitMix64;

/** The sample order of a training record (see {@link TrainingRecord}): one seeded shuffle per epoch. */
final class DataOrder {
    private final long seed;
    private final int batchSize;
    private final int[] perm;
    private final long stepsPerEpoch;
    private long epoch = -1;

    DataOrder(long seed, int count, int batchSize) {
        this.seed = seed;
        this.batchSize = batchSize;
        this.perm = new int[count];
        this.stepsPerEpoch = count / batchSize;
    }

    /** The sample indices of step {@code step} (0-based) start at {@code offset(step)} of {@link #indices()}. */
    int offset(long step) {
        long e = step / stepsPerEpoch;
        if (e != epoch) {
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            SplitMix64.derive(seed, e).shuffle(perm);
            epoch = e;
        }
        return (int) (step % stepsPerEpoch) * batchSize;
    }

    int[] indices() {
        return perm;
    }
}
