package io.learnchain.learn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelTest {
    private static final ModelSpec TINY = ModelSpec.parse("input 2 | dense 2");

    private static Model tiny() {
        return new Model(TINY, new float[] {1f, -0.5f, 0.25f, 3f, -0f, 1e-3f});
    }

    @Test
    void canonicalBytesMatchCommittedVector() throws IOException {
        String hex;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("golden/model-tiny.hex")) {
            hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
        assertThat(Bytes.wrap(tiny().canonicalBytes()).toHex()).isEqualTo(hex);
        assertThat(tiny().hash()).isEqualTo(Hash.sha256(Bytes.fromHex(hex).toArray()));
    }

    @Test
    void canonicalBytesRoundTrip() {
        Model m = tiny();
        Model back = Model.fromCanonicalBytes(m.canonicalBytes());
        assertThat(back.spec()).isEqualTo(TINY);
        assertThat(back.parameters()).isEqualTo(m.parameters());
        assertThat(back.hash()).isEqualTo(m.hash());
    }

    @Test
    void normalisesNegativeZero() {
        Model m = tiny();
        assertThat(Float.floatToRawIntBits(m.parameter(4))).isZero();
        float[] p = m.parameters();
        p[4] = 0f;
        assertThat(new Model(TINY, p).hash()).isEqualTo(m.hash());
    }

    @Test
    void rejectsNaNAndInfinity() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] p = new float[6];
            p[3] = bad;
            assertThatThrownBy(() -> new Model(TINY, p)).hasMessageContaining("parameter 3 is " + bad);
        }
    }

    @Test
    void rejectsWrongParameterCount() {
        assertThatThrownBy(() -> new Model(TINY, new float[5])).hasMessageContaining("has 6 parameters, got 5");
    }

    @Test
    void decoderRejectsTrailingBytesTruncationAndNegativeZero() {
        byte[] ok = tiny().canonicalBytes();
        assertThatThrownBy(() -> Model.fromCanonicalBytes(Arrays.copyOf(ok, ok.length + 1)))
                .hasMessageContaining("parameter bytes");
        assertThatThrownBy(() -> Model.fromCanonicalBytes(Arrays.copyOf(ok, ok.length - 1)))
                .hasMessageContaining("parameter bytes");
        byte[] negZero = ok.clone();
        negZero[negZero.length - 4 * 2 + 3] = (byte) 0x80; // parameter 4 = bits 0x80000000
        assertThatThrownBy(() -> Model.fromCanonicalBytes(negZero)).hasMessageContaining("-0.0");
        byte[] badLen = ok.clone();
        badLen[3] = 0x7f;
        assertThatThrownBy(() -> Model.fromCanonicalBytes(badLen)).hasMessageContaining("spec length");
    }

    @Test
    void findsNonFiniteParametersInCanonicalBytesBeforeDecoding() {
        byte[] ok = tiny().canonicalBytes();
        assertThat(Model.hasNonFiniteParameters(ok)).isFalse();
        for (int bits : new int[] {0x7fc00000, 0x7f800000, 0xff800000}) { // NaN, +inf, -inf as parameter 5
            byte[] bad = ok.clone();
            for (int b = 0; b < 4; b++) {
                bad[bad.length - 4 + b] = (byte) (bits >>> (8 * b));
            }
            assertThat(Model.hasNonFiniteParameters(bad)).as("bits %08x", bits).isTrue();
        }
        assertThat(Model.hasNonFiniteParameters(Arrays.copyOf(ok, ok.length - 1)))
                .isFalse();
        assertThat(Model.hasNonFiniteParameters(new byte[3])).isFalse();
    }

    @Test
    void mutatingReturnedParametersDoesNotChangeModel() {
        Model m = tiny();
        Hash h = m.hash();
        m.parameters()[0] = 42f;
        assertThat(m.parameter(0)).isEqualTo(1f);
        assertThat(Model.fromCanonicalBytes(m.canonicalBytes()).hash()).isEqualTo(h);
    }
}
