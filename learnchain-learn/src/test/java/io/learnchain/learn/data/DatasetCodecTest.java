package io.learnchain.learn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.rng.SplitMix64;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetCodecTest {
    static final Dataset SMALL = new Dataset(
            "tiny", new int[] {1, 2}, 3, new float[] {0.5f, -0f, 1f, -2.25f, 3f, 0.125f}, new int[] {2, 0, 1});

    @Test
    void roundTripsAndNormalisesNegativeZero() {
        Dataset back = DatasetCodec.decode(DatasetCodec.encode(SMALL), "t");
        assertThat(back.features()).containsExactly(0.5f, 0f, 1f, -2.25f, 3f, 0.125f);
        assertThat(Float.floatToRawIntBits(back.features()[1])).isZero();
        assertThat(DatasetCodec.encode(back)).isEqualTo(DatasetCodec.encode(SMALL));
    }

    @Test
    void matchesCommittedVector() throws IOException {
        String[] lines = resource("dataset-codec-v1.hex").strip().split("\n");
        assertThat(Bytes.wrap(DatasetCodec.encode(SMALL)).toHex()).isEqualTo(lines[0]);
        assertThat(DatasetCodec.hash(SMALL)).isEqualTo(Hash.fromHex(lines[1]));
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyCorruptionIsRejectedOrDecodesToAnotherValidDataset(long seed) {
        System.out.println("seed " + seed);
        SplitMix64 rng = new SplitMix64(seed);
        byte[] good = DatasetCodec.encode(SMALL);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bad = good.clone();
            int pos = rng.nextInt(bad.length);
            bad[pos] ^= (byte) (1 + rng.nextInt(255));
            try {
                Dataset d = DatasetCodec.decode(bad, "mut");
                assertThat(DatasetCodec.encode(d)).isEqualTo(bad);
            } catch (MalformedDatasetException expected) {
                assertThat(expected.getMessage()).startsWith("mut: ");
            }
            byte[] cut = Arrays.copyOf(good, rng.nextInt(good.length));
            assertThatThrownBy(() -> DatasetCodec.decode(cut, "cut")).isInstanceOf(MalformedDatasetException.class);
        }
    }

    @Test
    void rejectsTrailingBytesAndNonFinite() {
        byte[] good = DatasetCodec.encode(SMALL);
        assertThatThrownBy(() -> DatasetCodec.decode(Arrays.copyOf(good, good.length + 4), "t"))
                .hasMessageContaining("trailing bytes");
        Dataset nan = new Dataset("n", new int[] {1}, 2, new float[] {Float.NaN}, new int[] {0});
        assertThatThrownBy(() -> DatasetCodec.encode(nan)).hasMessageContaining("non-finite");
    }

    @Test
    void hashDependsOnEveryField() {
        Hash h = DatasetCodec.hash(SMALL);
        assertThat(DatasetCodec.hash(new Dataset("tinY", SMALL.sampleShape(), 3, SMALL.features(), SMALL.labels())))
                .isNotEqualTo(h);
        assertThat(DatasetCodec.hash(new Dataset("tiny", new int[] {2, 1}, 3, SMALL.features(), SMALL.labels())))
                .isNotEqualTo(h);
        assertThat(DatasetCodec.hash(new Dataset("tiny", SMALL.sampleShape(), 4, SMALL.features(), SMALL.labels())))
                .isNotEqualTo(h);
        assertThat(DatasetCodec.hash(
                        new Dataset("tiny", SMALL.sampleShape(), 3, SMALL.features(), new int[] {2, 0, 2})))
                .isNotEqualTo(h);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DatasetCodecTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
