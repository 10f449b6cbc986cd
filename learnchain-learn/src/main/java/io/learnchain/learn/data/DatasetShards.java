package io.learnchain.learn.data;

import io.learnchain.base.rng.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic subsets of a {@link Dataset}: test shards (a seeded permutation cut into n nearly
 * equal parts, as a requester splits its test set) and arbitrary index selections. Same input and
 * seed, same shards, on every machine.
 */
public final class DatasetShards {
    private DatasetShards() {}

    /**
     * Splits {@code data} into {@code n} shards: the sample indices are shuffled by
     * {@link SplitMix64#shuffle} seeded with {@code seed}, then cut into n consecutive parts; part i
     * holds permuted positions [i * count / n, (i + 1) * count / n) in that permuted order, so sizes
     * differ by at most one. Shard i is named {@code name/shard-i-of-n}.
     */
    public static List<Dataset> split(Dataset data, int n, long seed) {
        if (n < 1 || n > data.count()) {
            throw new IllegalArgumentException("cannot split " + data.count() + " samples of " + data.name() + " into "
                    + n + " shards: choose 1 <= n <= " + data.count());
        }
        int[] order = identity(data.count());
        new SplitMix64(seed).shuffle(order);
        List<Dataset> shards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) i * data.count() / n);
            int to = (int) ((long) (i + 1) * data.count() / n);
            int[] part = new int[to - from];
            System.arraycopy(order, from, part, 0, part.length);
            shards.add(select(data, part, data.name() + "/shard-" + i + "-of-" + n));
        }
        return List.copyOf(shards);
    }

    /** The samples at {@code indices} (in that order, repeats allowed) as a new data set. */
    public static Dataset select(Dataset data, int[] indices, String name) {
        int size = data.sampleSize();
        float[] x = new float[indices.length * size];
        int[] y = new int[indices.length];
        float[] features = data.features();
        int[] labels = data.labels();
        for (int i = 0; i < indices.length; i++) {
            int s = indices[i];
            if (s < 0 || s >= data.count()) {
                throw new IllegalArgumentException(
                        "sample index " + s + " is outside [0, " + data.count() + ") of " + data.name());
            }
            System.arraycopy(features, s * size, x, i * size, size);
            y[i] = labels[s];
        }
        return new Dataset(name, data.sampleShape(), data.classes(), x, y);
    }

    /** The first {@code count} samples (all when the set is smaller). */
    public static Dataset head(Dataset data, int count, String name) {
        return select(data, identity(Math.min(count, data.count())), name);
    }

    /** 0, 1, ..., n - 1. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
