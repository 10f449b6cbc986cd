package io.learnchain.base.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.rng.SplitMix64;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ed25519Test {

    /** Rows: seed, public key, message ("-" for empty), signature. The first two are RFC 8032 section 7.1. */
    static List<String[]> vectors() throws IOException {
        try (InputStream in = Ed25519Test.class.getResourceAsStream("/vectors/ed25519.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.trim().split("\\s+"))
                    .toList();
        }
    }

    private static byte[] message(String hex) {
        return hex.equals("-") ? new byte[0] : Bytes.fromHex(hex).toArray();
    }

    @Test
    void matchesCommittedVectorsIncludingRfc8032() throws IOException {
        List<String[]> rows = vectors();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
        for (String[] row : rows) {
            KeyPair keys = KeyPair.fromSeed(Bytes.fromHex(row[0]).toArray());
            assertThat(keys.publicKey().toHex())
                    .as("public key of seed %s", row[0])
                    .isEqualTo(row[1]);
            Signature signature = keys.sign(message(row[2]));
            assertThat(signature.toHex()).isEqualTo(row[3]);
            assertThat(keys.publicKey().verify(message(row[2]), signature)).isTrue();
        }
    }

    @Test
    void derivesTheSamePublicKeyAsTheJdkGenerator() throws Exception {
        long seed = 77L;
        SplitMix64 rng = new SplitMix64(seed);
        for (int i = 0; i < 20; i++) {
            byte[] secret = new byte[32];
            for (int j = 0; j < 32; j++) {
                secret[j] = (byte) rng.nextInt(256);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(secret));
            java.security.KeyPair jdk = generator.generateKeyPair();
            assertThat(((EdECPrivateKey) jdk.getPrivate()).getBytes()).contains(secret);
            KeyPair ours = KeyPair.fromSeed(secret);
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
            verifier.initVerify(jdk.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(ours.sign(message).bytes().toArray()))
                    .as("seed %d key %d", seed, i)
                    .isTrue();
        }
    }

    @Test
    void verifyReturnsFalseOnTamperingWithoutThrowing() {
        KeyPair keys = KeyPair.fromSeed(new byte[32]);
        byte[] message = "pay 5".getBytes(StandardCharsets.UTF_8);
        Signature good = keys.sign(message);
        assertThat(keys.publicKey().verify("pay 6".getBytes(StandardCharsets.UTF_8), good))
                .isFalse();
        SplitMix64 rng = new SplitMix64(5);
        for (int i = 0; i < 200; i++) {
            byte[] sig = good.bytes().toArray();
            sig[rng.nextInt(64)] ^= (byte) (1 << rng.nextInt(8));
            assertThat(keys.publicKey().verify(message, Signature.of(sig))).isFalse();
            byte[] key = keys.publicKey().bytes().toArray();
            key[rng.nextInt(32)] ^= (byte) (1 << rng.nextInt(8));
            assertThat(PublicKey.of(key).verify(message, good)).isFalse();
        }
        assertThat(keys.publicKey().verify(message, Signature.NONE)).isFalse();
    }

    @Test
    void rejectsNonCanonicalAndOffCurveKeys() {
        byte[] message = {1, 2, 3};
        Signature sig = KeyPair.fromSeed(new byte[32]).sign(message);
        byte[] allOnes = new byte[32];
        Arrays.fill(allOnes, (byte) 0xFF);
        assertThat(PublicKey.of(allOnes).verify(message, sig)).isFalse();
        byte[] yTwo = new byte[32];
        yTwo[0] = 2; // y = 2 is not on the curve
        assertThat(PublicKey.of(yTwo).verify(message, sig)).isFalse();
    }

    @Test
    void rejectsTheMalleatedSignatureWithSPlusGroupOrder() {
        KeyPair keys = KeyPair.fromSeed(new byte[32]);
        byte[] message = {1, 2, 3};
        byte[] sig = keys.sign(message).bytes().toArray();
        BigInteger order = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
        byte[] sBigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            sBigEndian[i] = sig[63 - i];
        }
        byte[] malleated = new BigInteger(1, sBigEndian).add(order).toByteArray();
        for (int i = 0; i < 32; i++) {
            sig[32 + i] = i < malleated.length ? malleated[malleated.length - 1 - i] : 0;
        }
        assertThat(keys.publicKey().verify(message, Signature.of(sig))).isFalse();
    }

    @Test
    void privateKeyNeverPrintsItself() {
        KeyPair keys =
                KeyPair.fromSeed(Bytes.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
                        .toArray());
        assertThat(keys.toString())
                .doesNotContain("9d61b19d")
                .contains("redacted")
                .contains(keys.publicKey().toHex());
    }

    /** Hands the JDK generator a fixed seed, to cross-check our public key derivation. Test only. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
