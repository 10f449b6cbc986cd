package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static Transition t(int i) {
        return new Transition(
                new EnvState(new float[] {i}, 0), i % 2, i, new EnvState(new float[] {i + 1}, 1), i % 3 == 0);
    }

    @Test
    void overwritesOldestOnceFull() {
        ReplayBuffer r = new ReplayBuffer(3, 1);
        for (int i = 0; i < 5; i++) {
            r.add(t(i));
        }
        assertThat(r.size()).isEqualTo(3);
        ReplayBuffer.Batch b = ReplayBuffer.Batch.of(200, 1);
        r.sample(1, 200, b);
        for (int i = 0; i < 200; i++) {
            assertThat(b.rewards()[i]).isIn(2f, 3f, 4f);
            assertThat(b.states()[i]).isEqualTo(b.rewards()[i]);
            assertThat(b.nexts()[i]).isEqualTo(b.rewards()[i] + 1);
            assertThat(b.actions()[i]).isEqualTo((int) b.rewards()[i] % 2);
            assertThat(b.terminals()[i]).isEqualTo((int) b.rewards()[i] % 3 == 0);
        }
    }

    @Test
    void sameSeedSameBatchAndCopiesAreIndependent() {
        ReplayBuffer r = new ReplayBuffer(100, 1);
        for (int i = 0; i < 50; i++) {
            r.add(t(i));
        }
        ReplayBuffer c = r.copy();
        r.add(t(99));
        ReplayBuffer.Batch a = ReplayBuffer.Batch.of(16, 1);
        ReplayBuffer.Batch b = ReplayBuffer.Batch.of(16, 1);
        c.sample(7, 16, a);
        c.sample(7, 16, b);
        assertThat(a.rewards()).containsExactly(b.rewards());
        assertThat(c.size()).isEqualTo(50);
        c.sample(8, 16, b);
        assertThat(a.rewards()).isNotEqualTo(b.rewards());
    }

    @Test
    void refusesToSampleWhenEmptyAndRejectsWrongWidth() {
        ReplayBuffer r = new ReplayBuffer(4, 2);
        assertThatThrownBy(() -> r.sample(1, 1, ReplayBuffer.Batch.of(1, 2))).hasMessageContaining("empty");
        assertThatThrownBy(() -> r.add(t(1))).hasMessageContaining("2 values");
    }

    /** Copies share chunks copy-on-write: every copy, and the original, still sample what a plain ring holds. */
    @Test
    void copiesAcrossChunksMatchAPlainRing() {
        int capacity = 2 * ReplayBuffer.CHUNK + 37;
        java.util.List<ReplayBuffer> buffers = new java.util.ArrayList<>();
        java.util.List<java.util.List<Integer>> rings = new java.util.ArrayList<>();
        buffers.add(new ReplayBuffer(capacity, 1));
        rings.add(new java.util.ArrayList<>());
        var rng = new io.learnchain.base.rng.SplitMix64(5);
        for (int step = 0; step < 3000; step++) {
            int k = rng.nextInt(buffers.size());
            if (rng.nextInt(40) == 0 && buffers.size() < 8) {
                buffers.add(buffers.get(k).copy());
                rings.add(new java.util.ArrayList<>(rings.get(k)));
                continue;
            }
            int value = step;
            buffers.get(k).add(t(value));
            java.util.List<Integer> ring = rings.get(k);
            ring.add(value);
        }
        ReplayBuffer.Batch b = ReplayBuffer.Batch.of(64, 1);
        for (int k = 0; k < buffers.size(); k++) {
            java.util.List<Integer> all = rings.get(k);
            int size = Math.min(all.size(), capacity);
            assertThat(buffers.get(k).size()).isEqualTo(size);
            // slot s holds the newest value written at position s of the ring
            float[] slots = new float[size];
            for (int i = 0; i < all.size(); i++) {
                slots[i % capacity] = all.get(i);
            }
            buffers.get(k).sample(k + 11, 64, b);
            var draw = new io.learnchain.base.rng.SplitMix64(k + 11);
            for (int i = 0; i < 64; i++) {
                assertThat(b.rewards()[i]).isEqualTo(slots[draw.nextInt(size)]);
            }
        }
    }
}
