package io.learnchain.chain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptedDatasetTest {
    private static final int COUNT = 72; // more than two pool tasks of 32 samples
    private static final Dataset CLEAR = firstSamples(COUNT);
    private static final ProjectionSpec SPEC = ProjectionSpec.defaultsFor(28, 28);
    private static final MasterSecretKey MSK = InnerProductEncryption.setup(SPEC.dimension(), EntropySource.seeded(41));
    private static final EncryptedDataset ENCRYPTED =
            EncryptedDataset.encrypt(CLEAR, SPEC.input(), MSK, EntropySource.seeded(42));
    private static final Hash ROUND = Hash.sha256(new byte[] {5});

    static Dataset firstSamples(int count) {
        Dataset train = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN);
        return new Dataset(
                "first",
                train.sampleShape(),
                train.classes(),
                Arrays.copyOf(train.features(), count * train.sampleSize()),
                Arrays.copyOf(train.labels(), count));
    }

    @Test
    void roundTripsThroughItsEncoding() {
        byte[] bytes = ENCRYPTED.encode();
        assertThat(bytes).hasSize(4 + 1 + 6 * 4 + 196 * 33 + COUNT + COUNT * 197 * 33);
        EncryptedDataset decoded = EncryptedDataset.decode(bytes);
        assertThat(decoded.encode()).isEqualTo(bytes);
        assertThat(decoded.publicKey()).isEqualTo(MSK.publicKey());
        assertThat(decoded.labels()).isEqualTo(CLEAR.labels());
        assertThat(decoded.quantizer()).isEqualTo(SPEC.input());
    }

    @Test
    void decryptedRoundFeaturesAreTheClearProjectionBitForBit() {
        List<FunctionalKey> keys = RoundFeatures.deriveKeys(SPEC, MSK, ROUND);
        assertThat(RoundFeatures.keysMatch(SPEC, MSK.publicKey(), ROUND, keys)).isTrue();
        Dataset decrypted = RoundFeatures.decrypt(
                EncryptedDataset.decode(ENCRYPTED.encode()),
                SPEC,
                ROUND,
                keys,
                BoundedDiscreteLog.forBound(SPEC.bound()),
                "round");
        Dataset clear = SPEC.project(CLEAR, SPEC.weights(ROUND));
        assertThat(decrypted.sampleShape()).containsExactly(16);
        assertThat(decrypted.features()).isEqualTo(clear.features());
        assertThat(decrypted.labels()).isEqualTo(clear.labels());
        try (ComputePool pool = new ComputePool(3)) {
            Dataset parallel = RoundFeatures.decrypt(
                    ENCRYPTED, SPEC, ROUND, keys, BoundedDiscreteLog.forBound(SPEC.bound()), "round", pool);
            assertThat(parallel.features()).isEqualTo(clear.features());
            DecodedCiphertexts decoded = new DecodedCiphertexts(ENCRYPTED, pool);
            assertThat(decoded.ciphertext(5)).isEqualTo(ENCRYPTED.ciphertext(5));
            Dataset cached = RoundFeatures.decrypt(
                    decoded, SPEC, ROUND, keys, BoundedDiscreteLog.forBound(SPEC.bound()), "round", pool);
            assertThat(cached.features()).isEqualTo(clear.features());
        }
    }

    @Test
    void keysOfAnotherRoundAreRefused() {
        List<FunctionalKey> stale = RoundFeatures.deriveKeys(SPEC, MSK, Hash.sha256(new byte[] {6}));
        assertThat(RoundFeatures.keysMatch(SPEC, MSK.publicKey(), ROUND, stale)).isFalse();
        assertThatThrownBy(() -> RoundFeatures.decrypt(
                        ENCRYPTED, SPEC, ROUND, stale, BoundedDiscreteLog.forBound(SPEC.bound()), "round"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the keys of this round's rows");
        assertThat(RoundFeatures.keysMatch(SPEC, MSK.publicKey(), ROUND, stale.subList(0, 15)))
                .isFalse();
    }

    @Test
    void aDamagedCiphertextNamesItsSample() {
        byte[] bytes = ENCRYPTED.encode();
        int header = 4 + 1 + 6 * 4 + 196 * 33 + COUNT;
        bytes[header + 3 * 197 * 33 + 33 * 5] = 0x07;
        EncryptedDataset damaged = EncryptedDataset.decode(bytes);
        assertThatThrownBy(() -> damaged.ciphertext(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 3")
                .hasMessageContaining("ciphertext point 5");
        assertThatThrownBy(() -> new DecodedCiphertexts(damaged, ComputePool.serial()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 3");
    }

    @Test
    void rejectsMalformedBlobs() {
        byte[] bytes = ENCRYPTED.encode();
        byte[] noMagic = bytes.clone();
        noMagic[0] = 'X';
        assertThatThrownBy(() -> EncryptedDataset.decode(noMagic))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("LCED");
        assertThatThrownBy(() -> EncryptedDataset.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("needs");
        byte[] badLabel = bytes.clone();
        badLabel[4 + 1 + 6 * 4 + 196 * 33] = 10;
        assertThatThrownBy(() -> EncryptedDataset.decode(badLabel))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("label 10");
        byte[] badKey = bytes.clone();
        badKey[4 + 1 + 6 * 4] = 0x04;
        assertThatThrownBy(() -> EncryptedDataset.decode(badKey))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("master public key point 0");
    }
}
