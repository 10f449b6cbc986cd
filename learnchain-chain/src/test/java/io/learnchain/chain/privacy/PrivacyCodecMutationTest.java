package io.learnchain.chain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.codec.Mutations;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.data.Dataset;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded mutations of the private task's encodings raise CodecException only, or decode to a value that re-encodes to them. */
class PrivacyCodecMutationTest {
    private static final int MUTATIONS = 300;
    private static final ProjectionSpec SPEC = new ProjectionSpec(new InputQuantizer(4, 4, 2, 15), 3, 1);
    private static final MasterSecretKey MSK = InnerProductEncryption.setup(SPEC.dimension(), EntropySource.seeded(71));

    private static byte[] release() {
        Hash previous = Hash.sha256(new byte[] {3});
        return RoundKeyRelease.sign(
                        KeyPair.fromSeed(new byte[32]),
                        Hash.sha256(new byte[] {2}),
                        5,
                        previous,
                        RoundFeatures.deriveKeys(SPEC, MSK, SecureMappingLayer.roundKey(previous, 5)))
                .encode();
    }

    private static byte[] blob() {
        float[] features = new float[32];
        for (int i = 0; i < features.length; i++) {
            features[i] = (i % 5) / 4f;
        }
        Dataset tiny = new Dataset("tiny", new int[] {16}, 3, features, new int[] {1, 2});
        return EncryptedDataset.encrypt(tiny, SPEC.input(), MSK, EntropySource.seeded(72))
                .encode();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void keyReleaseMutations(long seed) {
        check(release(), bytes -> RoundKeyRelease.decode(bytes).encode(), seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void encryptedBlobMutations(long seed) {
        check(blob(), bytes -> EncryptedDataset.decode(bytes).encode(), seed);
    }

    private static void check(byte[] good, Function<byte[], byte[]> roundTrip, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        for (int trial = 0; trial < MUTATIONS; trial++) {
            byte[] bad = Mutations.mutate(good, rng);
            try {
                assertThat(roundTrip.apply(bad))
                        .as("seed %d trial %d", seed, trial)
                        .isEqualTo(bad);
            } catch (CodecException expected) {
                // the only allowed failure
            } catch (RuntimeException e) {
                throw new AssertionError(
                        "seed " + seed + " trial " + trial + ": "
                                + Bytes.of(bad).toHex(),
                        e);
            }
        }
    }
}
