package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InputTransformTest {

    @Test
    void signedPermutationMovesEveryValueOnceWithItsMagnitude() {
        InputTransform.SignedPermutation t = new InputTransform.SignedPermutation(77, 100);
        float[] in = new float[100];
        for (int i = 0; i < 100; i++) {
            in[i] = i + 1;
        }
        float[] out = new float[100];
        t.apply(in, 0, out, 0, 100);
        float[] mags = new float[100];
        int negatives = 0;
        for (int i = 0; i < 100; i++) {
            mags[i] = Math.abs(out[i]);
            negatives += out[i] < 0 ? 1 : 0;
        }
        Arrays.sort(mags);
        assertThat(mags).isEqualTo(in);
        assertThat(negatives).isBetween(25, 75);
        assertThat(out).isNotEqualTo(in);
    }

    @Test
    void sameSeedSameMappingOtherSeedOtherMapping() {
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] a = new float[8];
        float[] b = new float[8];
        float[] c = new float[8];
        Hash h = Hash.sha256(new byte[] {1});
        InputTransform.SignedPermutation.fromHash(h, 8).apply(in, 0, a, 0, 8);
        InputTransform.SignedPermutation.fromHash(h, 8).apply(in, 0, b, 0, 8);
        InputTransform.SignedPermutation.fromHash(Hash.sha256(new byte[] {2}), 8)
                .apply(in, 0, c, 0, 8);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void identityCopies() {
        float[] out = new float[3];
        InputTransform.IDENTITY.apply(new float[] {9, 1, 2, 3}, 1, out, 0, 3);
        assertThat(out).containsExactly(1, 2, 3);
    }
}
