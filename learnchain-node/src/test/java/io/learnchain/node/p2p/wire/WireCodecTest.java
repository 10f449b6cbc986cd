package io.learnchain.node.p2p.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.codec.Mutations;
import io.learnchain.base.rng.SplitMix64;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire format outlives every process: round trips, committed vectors, limits and mutations. */
class WireCodecTest {
    static final WireCodec CODEC = new WireCodec(WireLimits.DEFAULT);

    static Map<String, String> vectors() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = WireCodecTest.class.getResourceAsStream("/p2p-wire-v1.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("=", 2);
                    out.put(parts[0].strip(), parts[1].strip());
                }
            }
        }
        return out;
    }

    @Test
    void roundTripsEveryMessage() {
        WireSamples.all().forEach((name, message) -> {
            byte[] bytes = CODEC.encode(message);
            assertThat(CODEC.encode(CODEC.decode(bytes))).as(name).isEqualTo(bytes);
        });
    }

    @Test
    void encodesExactlyAsTheCommittedVectors() throws IOException {
        Map<String, String> vectors = vectors();
        assertThat(vectors.keySet()).containsExactlyElementsOf(WireSamples.all().keySet());
        WireSamples.all().forEach((name, message) -> {
            assertThat(Bytes.wrap(CODEC.encode(message)).toHex()).as(name).isEqualTo(vectors.get(name));
            byte[] committed = Bytes.fromHex(vectors.get(name)).toArray();
            assertThat(CODEC.encode(CODEC.decode(committed))).as(name).isEqualTo(committed);
        });
    }

    @Test
    void acceptsExactlyTheHeaderLimitAndRefusesOneMore() {
        WireLimits limits = new WireLimits(1 << 20, 3, 4, 2, 1024, 2, 16);
        WireCodec codec = new WireCodec(limits);
        var header = ((WireMessage.Headers) WireSamples.all().get("headers"))
                .headers()
                .getFirst();
        byte[] three = codec.encode(new WireMessage.Headers(Collections.nCopies(3, header)));
        byte[] four = codec.encode(new WireMessage.Headers(Collections.nCopies(4, header)));
        assertThat(((WireMessage.Headers) codec.decode(three)).headers()).hasSize(3);
        assertThatThrownBy(() -> codec.decode(four))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("limit 3");
    }

    @Test
    void refusesOversizedChunksLocatorsPeerListsAndReasons() {
        WireCodec small = new WireCodec(new WireLimits(4096, 3, 2, 2, 8, 1, 4));
        assertThatThrownBy(() ->
                        small.decode(CODEC.encode(new WireMessage.BlobChunk(Hash.ZERO, 0, 9, Bytes.of(new byte[9])))))
                .isInstanceOf(CodecException.class);
        assertThat(small.decode(CODEC.encode(new WireMessage.BlobChunk(Hash.ZERO, 0, 8, Bytes.of(new byte[8])))))
                .isInstanceOf(WireMessage.BlobChunk.class);
        assertThatThrownBy(() -> small.decode(
                        CODEC.encode(new WireMessage.GetHeaders(List.of(Hash.ZERO, Hash.ZERO, Hash.ZERO), 1))))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> small.decode(CODEC.encode(new WireMessage.GetHeaders(List.of(Hash.ZERO), 4))))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> small.decode(CODEC.encode(WireSamples.all().get("peers"))))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> small.decode(CODEC.encode(WireMessage.HelloAck.refuse("too long"))))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> small.decode(new byte[4097]))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("exceeds the limit 4096");
    }

    @Test
    void refusesUnknownTagsTrailingBytesAndHostileCounts() {
        assertThatThrownBy(() -> CODEC.decode(new byte[] {(byte) 99}))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown message tag 99");
        byte[] ping = CODEC.encode(new WireMessage.Ping(1));
        byte[] padded = Arrays.copyOf(ping, ping.length + 1);
        assertThatThrownBy(() -> CODEC.decode(padded))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("trailing");
        byte[] hostile = new CanonicalWriter().u8(WireCodec.BLOCKS).i32(64).toByteArray();
        assertThatThrownBy(() -> CODEC.decode(hostile))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> CODEC.decode(new byte[0])).isInstanceOf(CodecException.class);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 0x5EED})
    void mutatedMessagesThrowOnlyCodecException(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        List<Map.Entry<String, byte[]>> goods = new ArrayList<>();
        WireSamples.all().forEach((name, m) -> goods.add(Map.entry(name, CODEC.encode(m))));
        for (var good : goods) {
            for (int i = 0; i < 300; i++) {
                byte[] bad = Mutations.mutate(good.getValue(), rng);
                assertThatCode(() -> {
                            try {
                                CODEC.decode(bad);
                            } catch (CodecException expected) {
                                // the only failure a decoder may report
                            }
                        })
                        .as(
                                "seed %d, %s, mutation %d: %s",
                                seed, good.getKey(), i, Bytes.wrap(bad).toHex())
                        .doesNotThrowAnyException();
            }
        }
    }

    /** Prints the vectors (run once when a message is added; never change an existing line). */
    static void main() {
        WireSamples.all()
                .forEach((name, m) -> System.out.println(
                        name + " = " + Bytes.wrap(CODEC.encode(m)).toHex()));
    }
}
