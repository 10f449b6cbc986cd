package io.learnchain.chain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProjectionSpecTest {
    private final ProjectionSpec defaults = ProjectionSpec.defaultsFor(28, 28);

    @Test
    void defaultsForFashionMnist() {
        assertThat(defaults.dimension()).isEqualTo(196);
        assertThat(defaults.width()).isEqualTo(16);
        assertThat(defaults.bound()).isEqualTo(196 * 15);
        assertThat(defaults.maxRounds()).isEqualTo(12);
    }

    @Test
    void quantizesMeansOfBlocksToLevels() {
        InputQuantizer quantizer = new InputQuantizer(2, 4, 2, 15);
        float[] sample = {0f, 1f, 1f, 1f, 0f, 0f, 1f, 1f};
        // block (0,0): mean 0.25 -> 3.75 -> 4; block (0,1): mean 1 -> 15
        assertThat(quantizer.quantize(sample, 0)).containsExactly(4, 15);
        assertThat(new InputQuantizer(1, 3, 1, 255).quantize(new float[] {0f, 0.5f, 1f}, 0))
                .containsExactly(0, 128, 255);
    }

    @Test
    void weightsAreDeterministicInRangeAndDifferBetweenRounds() {
        int[][] a = defaults.weights(Hash.sha256(new byte[] {1}));
        int[][] again = defaults.weights(Hash.sha256(new byte[] {1}));
        int[][] b = defaults.weights(Hash.sha256(new byte[] {2}));
        assertThat(a).isDeepEqualTo(again);
        assertThat(Arrays.deepEquals(a, b)).isFalse();
        assertThat(a).hasNumberOfRows(16);
        int[] counts = new int[3];
        for (int[] row : a) {
            assertThat(row).hasSize(196);
            for (int w : row) {
                assertThat(w).isBetween(-1, 1);
                counts[w + 1]++;
            }
        }
        for (int c : counts) {
            assertThat(c).isBetween(900, 1200);
        }
    }

    @Test
    void decryptionGivesTheProjectionComputedInTheClear() {
        ProjectionSpec spec = new ProjectionSpec(new InputQuantizer(4, 4, 2, 15), 3, 2);
        float[] sample = new float[16];
        for (int i = 0; i < 16; i++) {
            sample[i] = i / 15f;
        }
        int[] x = spec.input().quantize(sample, 0);
        int[][] rows = spec.weights(Hash.sha256(new byte[] {3}));
        long[] clear = ProjectionSpec.project(x, rows);
        MasterSecretKey msk = InnerProductEncryption.setup(spec.dimension(), EntropySource.seeded(4));
        Ciphertext ct = InnerProductEncryption.encrypt(msk, x, EntropySource.seeded(5));
        BoundedDiscreteLog log = BoundedDiscreteLog.forBound(spec.bound());
        for (int j = 0; j < rows.length; j++) {
            FunctionalKey key = InnerProductEncryption.deriveKey(msk, rows[j]);
            assertThat(InnerProductEncryption.decrypt(ct, rows[j], key, log)).isEqualTo(clear[j]);
        }
    }

    @Test
    void rejectsAPoolThatDoesNotDivideTheImage() {
        assertThatThrownBy(() -> new InputQuantizer(28, 28, 3, 15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool 3");
    }
}
