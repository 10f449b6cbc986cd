package io.learnchain.chain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.rng.SplitMix64;
import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InnerProductEncryptionTest {
    private static final BoundedDiscreteLog LOG = BoundedDiscreteLog.forBound(100_000);

    private static BigInteger g(long k) {
        return BigInteger.valueOf(k);
    }

    @Test
    void knownAnswerWithHandPickedKeysFollowsTheDefinitions() {
        // s = (2, 3, 5), r = 7: ct_0 = g^7, ct_i = g^{7 s_i + x_i}; sk_y = 2*4 + 3*5 + 5*6 = 53.
        MasterSecretKey msk = new MasterSecretKey(List.of(g(2), g(3), g(5)));
        assertThat(msk.publicKey().h())
                .containsExactly(
                        IpfeGroup.generatorTimes(g(2)), IpfeGroup.generatorTimes(g(3)), IpfeGroup.generatorTimes(g(5)));
        Ciphertext ct = InnerProductEncryption.encrypt(msk.publicKey(), new int[] {1, 2, 3}, g(7));
        assertThat(ct.head()).isEqualTo(IpfeGroup.generatorTimes(g(7)));
        assertThat(ct.body())
                .containsExactly(
                        IpfeGroup.generatorTimes(g(15)),
                        IpfeGroup.generatorTimes(g(23)),
                        IpfeGroup.generatorTimes(g(38)));
        FunctionalKey key = InnerProductEncryption.deriveKey(msk, new int[] {4, 5, 6});
        assertThat(key.value()).isEqualTo(g(53));
        // prod ct_i^{y_i} = g^{4*15 + 5*23 + 6*38} = g^403; ct_0^{53} = g^371; 403 - 371 = 32 = <x, y>.
        assertThat(InnerProductEncryption.decryptToGroup(ct, new int[] {4, 5, 6}, key))
                .isEqualTo(IpfeGroup.generatorTimes(g(32)));
        assertThat(InnerProductEncryption.decrypt(ct, new int[] {4, 5, 6}, key, LOG))
                .isEqualTo(32);
    }

    @Test
    void ownerEncryptionGivesThePublicKeyCiphertext() {
        MasterSecretKey msk = InnerProductEncryption.setup(5, EntropySource.seeded(1));
        int[] x = {0, -3, 255, 17, 1};
        BigInteger r = IpfeGroup.randomScalar(EntropySource.seeded(2));
        assertThat(InnerProductEncryption.encrypt(msk, x, r))
                .isEqualTo(InnerProductEncryption.encrypt(msk.publicKey(), x, r));
    }

    @Test
    void decryptsOneTwoThreeAgainstFourFiveSixToThirtyTwo() {
        MasterSecretKey msk = InnerProductEncryption.setup(3, EntropySource.seeded(3));
        Ciphertext ct = InnerProductEncryption.encrypt(msk, new int[] {1, 2, 3}, EntropySource.seeded(4));
        int[] y = {4, 5, 6};
        assertThat(InnerProductEncryption.decrypt(ct, y, InnerProductEncryption.deriveKey(msk, y), LOG))
                .isEqualTo(32);
    }

    @Test
    void negativeValuesAndZeroVectorsDecrypt() {
        MasterSecretKey msk = InnerProductEncryption.setup(4, EntropySource.seeded(5));
        int[] x = {-7, 3, 0, 250};
        int[] y = {2, -1, 9, -3};
        Ciphertext ct = InnerProductEncryption.encrypt(msk, x, EntropySource.seeded(6));
        assertThat(InnerProductEncryption.decrypt(ct, y, InnerProductEncryption.deriveKey(msk, y), LOG))
                .isEqualTo(-14 - 3 + 0 - 750);
        int[] zero = new int[4];
        assertThat(InnerProductEncryption.decrypt(ct, zero, InnerProductEncryption.deriveKey(msk, zero), LOG))
                .isZero();
        Ciphertext zeroCt = InnerProductEncryption.encrypt(msk, zero, EntropySource.seeded(7));
        assertThat(InnerProductEncryption.decrypt(zeroCt, y, InnerProductEncryption.deriveKey(msk, y), LOG))
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void roundTripsRandomVectorsWithinTheBound(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        int n = 1 + rng.nextInt(64);
        MasterSecretKey msk = InnerProductEncryption.setup(n, EntropySource.seeded(seed * 31));
        BoundedDiscreteLog log = BoundedDiscreteLog.forBound(n * 255L * 7);
        for (int trial = 0; trial < 4; trial++) {
            int[] x = new int[n];
            int[] y = new int[n];
            long expected = 0;
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextInt(256);
                y[i] = rng.nextInt(15) - 7;
                expected += (long) x[i] * y[i];
            }
            Ciphertext ct = InnerProductEncryption.encrypt(msk, x, EntropySource.seeded(seed * 131 + trial));
            Ciphertext decoded = Ciphertext.decode(ct.encode(), 0, n);
            FunctionalKey key = InnerProductEncryption.deriveKey(msk, y);
            assertThat(InnerProductEncryption.keyMatches(msk.publicKey(), y, key))
                    .isTrue();
            assertThat(InnerProductEncryption.decrypt(decoded, y, key, log))
                    .as("seed %d trial %d", seed, trial)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aValueOutsideTheBoundIsAnErrorNotAWrongAnswer() {
        MasterSecretKey msk = InnerProductEncryption.setup(2, EntropySource.seeded(8));
        int[] y = {1, 1};
        FunctionalKey key = InnerProductEncryption.deriveKey(msk, y);
        BoundedDiscreteLog small = new BoundedDiscreteLog(1_000, 16);
        Ciphertext atBound = InnerProductEncryption.encrypt(msk, new int[] {600, -1600}, EntropySource.seeded(9));
        assertThat(InnerProductEncryption.decrypt(atBound, y, key, small)).isEqualTo(-1_000);
        Ciphertext justOver = InnerProductEncryption.encrypt(msk, new int[] {600, 401}, EntropySource.seeded(10));
        assertThatThrownBy(() -> InnerProductEncryption.decrypt(justOver, y, key, small))
                .isInstanceOf(InnerProductOutOfBoundException.class)
                .hasMessageContaining("1001")
                .hasMessageContaining("1000");
        Ciphertext farOver = InnerProductEncryption.encrypt(msk, new int[] {60_000, 1}, EntropySource.seeded(11));
        assertThatThrownBy(() -> InnerProductEncryption.decrypt(farOver, y, key, small))
                .isInstanceOf(InnerProductOutOfBoundException.class)
                .hasMessageContaining("|v| <= 1000");
    }

    @Test
    void aKeyForYRevealsTheInnerProductAndAKeyForAnotherVectorDoesNot() {
        MasterSecretKey msk = InnerProductEncryption.setup(6, EntropySource.seeded(12));
        int[] x = {9, 0, 4, 200, 13, 77};
        int[] y = {1, -1, 0, 1, 1, -1};
        int[] other = {1, -1, 0, 1, 1, 0};
        long expected = 9 + 0 + 0 + 200 + 13 - 77;
        Ciphertext ct = InnerProductEncryption.encrypt(msk, x, EntropySource.seeded(13));
        FunctionalKey keyForY = InnerProductEncryption.deriveKey(msk, y);
        FunctionalKey keyForOther = InnerProductEncryption.deriveKey(msk, other);
        assertThat(InnerProductEncryption.decrypt(ct, y, keyForY, LOG)).isEqualTo(expected);
        ECPoint opened = InnerProductEncryption.decryptToGroup(ct, y, keyForOther);
        assertThat(opened).isNotEqualTo(IpfeGroup.generatorTimes(BigInteger.valueOf(expected)));
        assertThatThrownBy(() -> InnerProductEncryption.decrypt(ct, y, keyForOther, LOG))
                .isInstanceOf(InnerProductOutOfBoundException.class);
        assertThat(InnerProductEncryption.keyMatches(msk.publicKey(), y, keyForOther))
                .isFalse();
        assertThat(InnerProductEncryption.keyMatches(msk.publicKey(), other, keyForOther))
                .isTrue();
    }

    @Test
    void aKeyUnderAnotherMasterKeyDoesNotMatch() {
        MasterSecretKey msk = InnerProductEncryption.setup(3, EntropySource.seeded(14));
        MasterSecretKey stranger = InnerProductEncryption.setup(3, EntropySource.seeded(15));
        int[] y = {1, 0, -1};
        assertThat(InnerProductEncryption.keyMatches(msk.publicKey(), y, InnerProductEncryption.deriveKey(stranger, y)))
                .isFalse();
    }

    @Test
    void rejectsVectorsOfAnotherDimension() {
        MasterSecretKey msk = InnerProductEncryption.setup(3, EntropySource.seeded(16));
        assertThatThrownBy(() -> InnerProductEncryption.encrypt(msk, new int[] {1, 2}, EntropySource.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> InnerProductEncryption.deriveKey(msk, new int[] {1, 2, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
