package io.learnchain.learn.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.rng.SplitMix64;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetensorsTest {
    static final NamedTensor BIAS = new NamedTensor("0.bias", new int[] {2}, new float[] {0.5f, -1f});
    static final NamedTensor WEIGHT =
            new NamedTensor("0.weight", new int[] {2, 3}, new float[] {1.5f, -2f, 0.25f, 3f, 4f, -0.125f});

    static Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("note", "golden");
        return m;
    }

    @Test
    void writesTheBytesOfTheReferenceLibrary() throws IOException {
        // reference-lib.safetensors.hex was written by safetensors 0.8.0 (Python, numpy) from the same tensors.
        byte[] reference =
                Bytes.fromHex(resource("reference-lib.safetensors.hex").strip()).toArray();
        assertThat(Safetensors.write(List.of(BIAS, WEIGHT), metadata())).isEqualTo(reference);
    }

    @Test
    void readsTheReferenceLibraryFile() throws IOException {
        byte[] reference =
                Bytes.fromHex(resource("reference-lib.safetensors.hex").strip()).toArray();
        Safetensors.Contents c = Safetensors.read(reference, "ref");
        assertThat(c.tensors()).containsExactly(BIAS, WEIGHT);
        assertThat(c.metadata()).containsEntry("note", "golden");
        assertThat(c.tensor("0.weight").shape()).containsExactly(2, 3);
    }

    @Test
    void roundTripsInDeclaredOrderWithPaddedHeader() {
        byte[] bytes = Safetensors.write(List.of(WEIGHT, BIAS), Map.of());
        long headerLength =
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        assertThat(Safetensors.read(bytes, "t").tensors()).containsExactly(WEIGHT, BIAS);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void corruptedOrTruncatedFilesThrowOnlyFormatErrors(long seed) {
        System.out.println("seed " + seed);
        SplitMix64 rng = new SplitMix64(seed);
        byte[] good = Safetensors.write(List.of(WEIGHT, BIAS), metadata());
        for (int trial = 0; trial < 300; trial++) {
            byte[] bad = good.clone();
            bad[rng.nextInt(bad.length)] ^= (byte) (1 + rng.nextInt(255));
            try {
                Safetensors.read(bad, "mut");
            } catch (FormatException expected) {
                assertThat(expected.getMessage()).startsWith("mut");
            }
            byte[] cut = Arrays.copyOf(good, rng.nextInt(good.length));
            assertThatThrownBy(() -> Safetensors.read(cut, "cut")).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void rejectsOtherDtypesAndGaps() {
        String header = "{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        assertThatThrownBy(() -> Safetensors.read(file(header, 2), "h.safetensors"))
                .hasMessageContaining("dtype F16");
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertThatThrownBy(() -> Safetensors.read(file(gap, 8), "g")).hasMessageContaining("gap");
        assertThatThrownBy(() -> Safetensors.write(List.of(BIAS, BIAS), Map.of()))
                .hasMessageContaining("used twice");
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SafetensorsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
