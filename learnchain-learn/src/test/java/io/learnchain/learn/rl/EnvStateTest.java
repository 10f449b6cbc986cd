package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.rng.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvStateTest {

    @Test
    void storesNegativeZeroAsZeroAndRejectsNonFinite() {
        EnvState s = new EnvState(new float[] {-0f, 1f}, 0);
        assertThat(Float.floatToRawIntBits(s.value(0))).isZero();
        assertThat(s).isEqualTo(new EnvState(new float[] {0f, 1f}, 0));
        assertThatThrownBy(() -> new EnvState(new float[] {Float.NaN}, 0)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new EnvState(new float[] {1f}, -1)).hasMessageContaining("tick");
    }

    @Test
    void doesNotShareItsArray() {
        float[] o = {1f, 2f};
        EnvState s = new EnvState(o, 0);
        o[0] = 9f;
        s.observation()[1] = 9f;
        assertThat(s.observation()).containsExactly(1f, 2f);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void roundTripsCanonicalBytes(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] o = new float[1 + rng.nextInt(9)];
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) rng.nextGaussian();
        }
        EnvState s = new EnvState(o, rng.nextLong(1000));
        assertThat(EnvState.fromCanonicalBytes(s.canonicalBytes()))
                .as("seed %d", seed)
                .isEqualTo(s);
        assertThat(EnvState.fromCanonicalBytes(s.canonicalBytes()).hash()).isEqualTo(s.hash());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void corruptedBytesDecodeDifferentlyOrFailWithIllegalArgument(long seed) {
        EnvState s = new EnvState(new float[] {0.5f, -1.25f, 3f}, 17);
        byte[] b = s.canonicalBytes();
        SplitMix64 rng = new SplitMix64(seed);
        int pos = rng.nextInt(b.length);
        b[pos] ^= (byte) (1 + rng.nextInt(255));
        try {
            assertThat(EnvState.fromCanonicalBytes(b)).as("seed %d", seed).isNotEqualTo(s);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThatThrownBy(() -> EnvState.fromCanonicalBytes(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }
}
