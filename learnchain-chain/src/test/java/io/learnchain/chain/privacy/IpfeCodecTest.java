package io.learnchain.chain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.bytes.Bytes;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IpfeCodecTest {
    private final MasterSecretKey msk = InnerProductEncryption.setup(4, EntropySource.seeded(21));

    @Test
    void keysAndCiphertextsRoundTrip() {
        assertThat(MasterSecretKey.decode(msk.encode())).isEqualTo(msk);
        assertThat(MasterPublicKey.decode(msk.publicKey().encode())).isEqualTo(msk.publicKey());
        FunctionalKey key = InnerProductEncryption.deriveKey(msk, new int[] {1, -1, 2, 0});
        assertThat(FunctionalKey.decode(key.encode(), 0)).isEqualTo(key);
        Ciphertext ct = InnerProductEncryption.encrypt(msk, new int[] {1, 2, 3, 4}, EntropySource.seeded(22));
        byte[] bytes = ct.encode();
        assertThat(bytes).hasSize(Ciphertext.encodedBytes(4)).hasSize(5 * 33);
        assertThat(Ciphertext.decode(bytes, 0, 4)).isEqualTo(ct);
        assertThat(Ciphertext.decode(bytes, 0, 4).encode()).isEqualTo(bytes);
    }

    @Test
    void generatorEncodesAsTheStandardCompressedPoint() {
        assertThat(Bytes.of(IpfeGroup.encode(IpfeGroup.generator())).toHex())
                .isEqualTo("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    }

    @Test
    void rejectsAnEncodingThatIsNotCompressed() {
        byte[] bytes = msk.publicKey().encode();
        bytes[4] = 0x04;
        assertThatThrownBy(() -> MasterPublicKey.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("master public key point 0")
                .hasMessageContaining("not a compressed point encoding");
    }

    @Test
    void rejectsTheIdentityEncoding() {
        byte[] bytes = InnerProductEncryption.encrypt(msk, new int[] {1, 2, 3, 4}, EntropySource.seeded(23))
                .encode();
        Arrays.fill(bytes, 33, 66, (byte) 0);
        assertThatThrownBy(() -> Ciphertext.decode(bytes, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ciphertext point 1");
    }

    @Test
    void rejectsAnXThatIsNotOnTheCurve() {
        byte[] bytes = msk.publicKey().encode();
        int offCurveX = firstXOffTheCurve();
        Arrays.fill(bytes, 5, 37, (byte) 0);
        bytes[36] = (byte) offCurveX;
        assertThatThrownBy(() -> MasterPublicKey.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a point of secp256k1");
    }

    @Test
    void rejectsAnXAtOrAboveTheFieldPrime() {
        byte[] bytes = msk.publicKey().encode();
        Arrays.fill(bytes, 5, 37, (byte) 0xff);
        assertThatThrownBy(() -> MasterPublicKey.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("master public key point 0");
    }

    @Test
    void rejectsWrongLengthsAndScalarsAboveTheOrder() {
        byte[] pk = msk.publicKey().encode();
        assertThatThrownBy(() -> MasterPublicKey.decode(Arrays.copyOf(pk, pk.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
        assertThatThrownBy(() -> MasterPublicKey.decode(Arrays.copyOf(pk, pk.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] tooLarge = IpfeGroup.encodeScalar(IpfeGroup.order().subtract(BigInteger.ONE));
        tooLarge[31]++;
        assertThatThrownBy(() -> FunctionalKey.decode(tooLarge, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not below the group order");
        assertThatThrownBy(() -> Ciphertext.decode(new byte[40], 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 165 bytes");
    }

    @Test
    void secretKeyDoesNotPrintItsCoordinates() {
        assertThat(msk.toString()).isEqualTo("MasterSecretKey[n=4]");
    }

    private static int firstXOffTheCurve() {
        for (int x = 1; x < 256; x++) {
            byte[] encoded = new byte[33];
            encoded[0] = 0x02;
            encoded[32] = (byte) x;
            try {
                IpfeGroup.decode(encoded, 0, "probe");
            } catch (IllegalArgumentException e) {
                return x;
            }
        }
        throw new AssertionError("every small x is on the curve");
    }
}
