package io.learnchain.chain.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.GenesisCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the committed pole vectors (format: {@link PoleVectorWriterTest}) and checks that every
 * verdict, winner, rejection reason and state root is exactly the recorded one.
 */
class PoleVectorReplayTest {
    private static final Map<Hash, byte[]> SHARED = new HashMap<>();

    @BeforeAll
    static void loadSharedBlobs() throws IOException {
        for (String[] l : lines("blobs")) {
            byte[] bytes = Bytes.fromHex(l[2]).toArray();
            SHARED.put(Hash.fromHex(l[1]), bytes);
        }
    }

    static Stream<String> names() throws IOException {
        try (InputStream in = PoleVectorReplayTest.class.getResourceAsStream("/vectors/pole/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines().filter(l -> !l.isBlank()).toList().stream();
        }
    }

    @Test
    void hasAtLeastFortyVectorsWithValidAndInvalidCases() throws IOException {
        List<String> all = names().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        long invalid = 0;
        for (String n : all) {
            if (lines(n).stream().anyMatch(l -> l[0].equals("expect") && l[1].equals("INVALID"))) {
                invalid++;
            }
        }
        assertThat(invalid).isGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest
    @MethodSource("names")
    void replaysVector(String name) throws IOException {
        Genesis genesis = null;
        long now = 0;
        Map<Hash, byte[]> blobs = new HashMap<>(SHARED);
        List<Block> blocks = new ArrayList<>();
        List<Block> candidates = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (String[] l : lines(name)) {
            switch (l[0]) {
                case "genesis" ->
                    genesis = GenesisCodec.INSTANCE.decode(Bytes.fromHex(l[1]).toArray());
                case "now" -> now = Long.parseLong(l[1]);
                case "blob" -> blobs.put(Hash.fromHex(l[1]), Bytes.fromHex(l[2]).toArray());
                case "block" ->
                    blocks.add(BlockCodec.BLOCK.decode(Bytes.fromHex(l[1]).toArray()));
                case "candidate" ->
                    candidates.add(BlockCodec.BLOCK.decode(Bytes.fromHex(l[1]).toArray()));
                case "expect", "winner", "rejected", "dropped", "evaluations", "root" ->
                    expected.append(String.join(" ", l)).append('\n');
                default -> throw new AssertionError("unknown line kind " + l[0] + " in " + name);
            }
        }
        assertThat(genesis).isNotNull();
        PoleVectorReplay.Result result = PoleVectorReplay.run(genesis, now, blobs, blocks, candidates);
        assertThat(String.join("\n", result.lines()) + "\n")
                .as(name + ": " + result.comment())
                .isEqualTo(expected.toString());
    }

    private static List<String[]> lines(String name) throws IOException {
        try (InputStream in = PoleVectorReplayTest.class.getResourceAsStream("/vectors/pole/" + name + ".txt")) {
            assertThat(in).as("vector file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.trim().split("\\s+"))
                    .toList();
        }
    }
}
