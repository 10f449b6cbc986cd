package io.learnchain.chain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.data.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Committed vectors (vectors/privacy/ipfe-v1.txt, "name hex" per line) for every encoding and
 * derivation of a private task that must not change: keys, ciphertexts, the round's weight rows and
 * feature scale, the key release, the encrypted blob. Seeded: SplitMix64 entropy, RFC 8032 signatures.
 */
class PrivacyVectorsTest {
    static Map<String, String> computed() {
        Map<String, String> out = new LinkedHashMap<>();
        MasterSecretKey msk = InnerProductEncryption.setup(3, EntropySource.seeded(101));
        out.put("msk.n3", hex(msk.encode()));
        out.put("mpk.n3", hex(msk.publicKey().encode()));
        out.put(
                "ct.n3.x123",
                hex(InnerProductEncryption.encrypt(msk, new int[] {1, 2, 3}, EntropySource.seeded(102))
                        .encode()));
        out.put(
                "key.n3.y456",
                hex(InnerProductEncryption.deriveKey(msk, new int[] {4, 5, 6}).encode()));

        ProjectionSpec defaults = ProjectionSpec.defaultsFor(28, 28);
        int[][] rows = defaults.weights(Hash.sha256(new byte[] {1}));
        byte[] packed = new byte[rows.length * rows[0].length];
        for (int j = 0; j < rows.length; j++) {
            for (int i = 0; i < rows[j].length; i++) {
                packed[j * rows[j].length + i] = (byte) rows[j][i];
            }
        }
        out.put("weights.defaults.sha256-01", hex(packed));
        out.put("featureScale.defaults", Integer.toHexString(Float.floatToRawIntBits(defaults.featureScale())));

        ProjectionSpec small = new ProjectionSpec(new InputQuantizer(4, 4, 2, 15), 3, 1);
        MasterSecretKey smallKey = InnerProductEncryption.setup(small.dimension(), EntropySource.seeded(103));
        Hash chain = Hash.sha256(new byte[] {2});
        Hash previous = Hash.sha256(new byte[] {3});
        Hash roundKey = SecureMappingLayer.roundKey(previous, 5);
        RoundKeyRelease release = RoundKeyRelease.sign(
                KeyPair.fromSeed(new byte[32]),
                chain,
                5,
                previous,
                RoundFeatures.deriveKeys(small, smallKey, roundKey));
        out.put("release.4x4-k3", hex(release.encode()));

        float[] features = new float[32];
        for (int i = 0; i < features.length; i++) {
            features[i] = (i % 17) / 16f;
        }
        Dataset tiny = new Dataset("tiny", new int[] {4, 4}, 3, features, new int[] {2, 0});
        out.put(
                "blob.4x4-2samples",
                hex(EncryptedDataset.encrypt(tiny, small.input(), smallKey, EntropySource.seeded(104))
                        .encode()));
        return out;
    }

    @Test
    void encodingsAndDerivationsMatchTheCommittedVectors() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/vectors/privacy/ipfe-v1.txt")) {
            assertThat(in).as("vectors/privacy/ipfe-v1.txt").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split(" ");
                    expected.put(parts[0], parts[1]);
                }
            }
        }
        Map<String, String> computed = computed();
        computed.forEach((name, hex) -> System.out.println(name + " " + hex));
        assertThat(computed).isEqualTo(expected);
    }

    private static String hex(byte[] bytes) {
        return Bytes.of(bytes).toHex();
    }
}
