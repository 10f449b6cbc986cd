package io.learnchain.base.rng;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplitMix64Test {
    @Test
    void matchesPublishedVectorsForSeedZero() {
        SplitMix64 rng = new SplitMix64(0);
        assertThat(rng.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(rng.nextLong()).isEqualTo(0x6e789e6aa1b965f4L);
        assertThat(rng.nextLong()).isEqualTo(0x06c45d188009454fL);
    }

    @Test
    void boundedDrawsStayInRange() {
        SplitMix64 rng = new SplitMix64(42);
        for (int i = 0; i < 10_000; i++) {
            assertThat(rng.nextInt(7)).isBetween(0, 6);
            assertThat(rng.nextFloat()).isGreaterThanOrEqualTo(0f).isLessThan(1f);
        }
    }
}
