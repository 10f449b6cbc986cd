package io.learnchain.learn.data;

import io.learnchain.base.rng.SplitMix64;

/**
 * The deterministic order in which training visits samples: epoch e is a permutation of
 * [0, count) drawn by {@link SplitMix64#shuffle} from {@code SplitMix64.derive(dataOrderSeed, e)};
 * it is cut into floor(count / batchSize) full batches (the remainder of the permutation is not
 * visited in that epoch, so every step has the same batch size). Optimizer step s uses batch
 * s mod batchesPerEpoch of epoch s / batchesPerEpoch. The engine's trainer walks it through a
 * {@link Cursor}; it is consensus-relevant (a training replay must visit the same samples).
 */
public record DataOrder(int count, int batchSize, long dataOrderSeed) {

    public DataOrder {
        if (count < 1) {
            throw new IllegalArgumentException("a data order needs at least one sample, got " + count);
        }
        if (batchSize < 1 || batchSize > count) {
            throw new IllegalArgumentException(
                    "batch size must be in [1, " + count + "] (the sample count), got " + batchSize);
        }
    }

    public int batchesPerEpoch() {
        return count / batchSize;
    }

    /** The permutation of sample indices for {@code epoch}. */
    public int[] epochOrder(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
        }
        int[] order = DatasetShards.identity(count);
        SplitMix64.derive(dataOrderSeed, epoch).shuffle(order);
        return order;
    }

    /** The sample indices of optimizer step {@code step} (0-based). */
    public int[] stepIndices(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be non-negative, got " + step);
        }
        long epoch = step / batchesPerEpoch();
        int batch = (int) (step % batchesPerEpoch());
        return batchOf(epochOrder(epoch), batch);
    }

    /** Batch {@code batch} of an epoch permutation. */
    public int[] batchOf(int[] epochOrder, int batch) {
        int from = batch * batchSize;
        int to = from + batchSize;
        if (batch < 0 || batch >= batchesPerEpoch()) {
            throw new IllegalArgumentException("batch " + batch + " is outside [0, " + batchesPerEpoch() + ")");
        }
        int[] indices = new int[to - from];
        System.arraycopy(epochOrder, from, indices, 0, indices.length);
        return indices;
    }

    /** A cursor that walks the order step by step, shuffling once per epoch (what training uses). */
    public Cursor cursor() {
        return new Cursor(this);
    }

    /**
     * Step-by-step access without re-shuffling per step: the indices of step s are
     * {@code indices()[offset(s) .. offset(s) + batchSize)}. Not thread-safe; one per training run.
     */
    public static final class Cursor {
        private final DataOrder order;
        private final int[] perm;
        private long epoch = -1;

        private Cursor(DataOrder order) {
            this.order = order;
            this.perm = new int[order.count()];
        }

        /** Moves to step {@code step} (0-based) and returns where its batch starts in {@link #indices()}. */
        public int offset(long step) {
            long e = step / order.batchesPerEpoch();
            if (e != epoch) {
                for (int i = 0; i < perm.length; i++) {
                    perm[i] = i;
                }
                SplitMix64.derive(order.dataOrderSeed(), e).shuffle(perm);
                epoch = e;
            }
            return (int) (step % order.batchesPerEpoch()) * order.batchSize();
        }

        /** The current epoch's permutation (owned by the cursor: read, never change). */
        public int[] indices() {
            return perm;
        }
    }

    /** Gathers the features and labels of {@code indices} from {@code data} into a batch. */
    public static Batch gather(Dataset data, int[] indices) {
        Dataset d = DatasetShards.select(data, indices, data.name());
        return new Batch(d.features(), d.labels(), data.sampleSize());
    }

    /** A batch: {@code labels.length} samples of {@code sampleSize} floats each, row-major. */
    public record Batch(float[] features, int[] labels, int sampleSize) {
        public Batch {
            if ((long) labels.length * sampleSize != features.length) {
                throw new IllegalArgumentException("batch of " + labels.length + " samples x " + sampleSize + " needs "
                        + (long) labels.length * sampleSize + " values, got " + features.length);
            }
        }

        public int size() {
            return labels.length;
        }
    }
}
