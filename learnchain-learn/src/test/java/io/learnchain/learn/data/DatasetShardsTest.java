package io.learnchain.learn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetShardsTest {

    static Dataset numbered(int count) {
        float[] x = new float[count * 2];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i % 3;
        }
        return new Dataset("n", new int[] {2}, 3, x, y);
    }

    @ParameterizedTest(name = "count={0} n={1} seed={2}")
    @CsvSource({"10,3,1", "101,7,42", "5,5,-9", "64,1,0"})
    void splitsIntoDisjointCoveringShardsOfNearlyEqualSize(int count, int n, long seed) {
        List<Dataset> shards = DatasetShards.split(numbered(count), n, seed);
        assertThat(shards).hasSize(n);
        Set<Float> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Dataset s = shards.get(i);
            assertThat(s.name()).isEqualTo("n/shard-" + i + "-of-" + n);
            assertThat(s.count()).isBetween(count / n, count / n + 1);
            for (int j = 0; j < s.count(); j++) {
                float id = s.features()[2 * j];
                assertThat(s.features()[2 * j + 1]).isEqualTo(-id);
                assertThat(s.labels()[j]).isEqualTo((int) id % 3);
                assertThat(seen.add(id)).isTrue();
            }
        }
        assertThat(seen).hasSize(count);
    }

    @Test
    void sameSeedSameShardsOtherSeedOtherShards() {
        Dataset d = numbered(50);
        assertThat(DatasetShards.split(d, 4, 7)).isEqualTo(DatasetShards.split(d, 4, 7));
        assertThat(DatasetShards.split(d, 4, 7)).isNotEqualTo(DatasetShards.split(d, 4, 8));
    }

    @Test
    void pinsTheShardPermutation() {
        // SplitMix64(1).shuffle of 0..9 is [4, 2, 8, 1, 9, 3, 0, 6, 7, 5] (checked against an independent
        // Python SplitMix64): a change here changes every requester's shard hashes.
        List<Dataset> shards = DatasetShards.split(numbered(10), 3, 1);
        assertThat(ids(shards.get(0))).containsExactly(4f, 2f, 8f);
        assertThat(ids(shards.get(1))).containsExactly(1f, 9f, 3f);
        assertThat(ids(shards.get(2))).containsExactly(0f, 6f, 7f, 5f);
    }

    private static float[] ids(Dataset d) {
        float[] ids = new float[d.count()];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = d.features()[2 * j];
        }
        return ids;
    }

    @Test
    void rejectsImpossibleShardCounts() {
        assertThatThrownBy(() -> DatasetShards.split(numbered(3), 4, 1)).hasMessageContaining("choose 1 <= n <= 3");
        assertThatThrownBy(() -> DatasetShards.split(numbered(3), 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataOrderVisitsEverySampleOncePerEpochInSeededOrder() {
        DataOrder order = new DataOrder(10, 4, 99);
        assertThat(order.batchesPerEpoch()).isEqualTo(2);
        Set<Integer> seen = new HashSet<>();
        for (int step = 0; step < 2; step++) {
            for (int i : order.stepIndices(step)) {
                assertThat(seen.add(i)).isTrue();
            }
        }
        assertThat(seen).hasSize(8);
        assertThat(order.stepIndices(1)).hasSize(4);
        assertThat(order.stepIndices(2)).isEqualTo(order.batchOf(order.epochOrder(1), 0));
        assertThat(order.epochOrder(0)).isNotEqualTo(order.epochOrder(1));
        assertThat(new DataOrder(10, 4, 99).epochOrder(5)).isEqualTo(order.epochOrder(5));
        assertThat(new DataOrder(10, 4, 98).epochOrder(0)).isNotEqualTo(order.epochOrder(0));
    }

    @Test
    void gathersBatchFeaturesAndLabels() {
        DataOrder.Batch b = DataOrder.gather(numbered(5), new int[] {4, 1});
        assertThat(b.size()).isEqualTo(2);
        assertThat(b.features()).containsExactly(4f, -4f, 1f, -1f);
        assertThat(b.labels()).containsExactly(1, 1);
    }
}
