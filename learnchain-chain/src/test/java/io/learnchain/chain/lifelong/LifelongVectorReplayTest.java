package io.learnchain.chain.lifelong;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays the committed lifelong vectors (format: {@link LifelongVectorWriterTest}): verdicts and roots exactly. */
class LifelongVectorReplayTest {
    private static final Map<Hash, byte[]> BLOBS = new HashMap<>();

    @BeforeAll
    static void loadBlobs() throws IOException {
        for (String[] l : lines("blobs")) {
            BLOBS.put(Hash.fromHex(l[1]), Bytes.fromHex(l[2]).toArray());
        }
    }

    static Stream<String> names() throws IOException {
        try (InputStream in = LifelongVectorReplayTest.class.getResourceAsStream("/vectors/lifelong/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines().filter(l -> !l.isBlank()).toList().stream();
        }
    }

    @Test
    void coversEveryLifelongRuleValidAndInvalid() throws IOException {
        Set<String> outcomes = new TreeSet<>();
        for (String n : names().toList()) {
            for (String[] l : lines(n)) {
                if (l[0].equals("expect")) {
                    outcomes.add(String.join(" ", l).substring("expect ".length()));
                }
            }
        }
        assertThat(outcomes)
                .contains(
                        "VALID",
                        "UNDECIDED MISSING_DATA",
                        "INVALID BAD_DEPLOYMENT",
                        "INVALID WRONG_MODEL_SPEC",
                        "INVALID NOTHING_TO_REVEAL",
                        "INVALID NOT_INITIATOR",
                        "INVALID BAD_TEST_PART",
                        "INVALID MODEL_NOT_ACTIVE",
                        "INVALID WRONG_LOSS_CLAIM",
                        "INVALID LOSS_NOT_LOWER",
                        "INVALID WRONG_PARENT_MODEL",
                        "INVALID ALREADY_PROPOSED",
                        "INVALID NAN_WEIGHTS",
                        "INVALID CHALLENGE_UNFOUNDED",
                        "INVALID CHALLENGE_REPEATED",
                        "INVALID CHALLENGE_STALE",
                        "INVALID FROZEN_WEIGHTS_CHANGED",
                        "INVALID NOT_A_GROWTH",
                        "INVALID LOSS_ABOVE_THRESHOLD",
                        "INVALID PROPOSALS_PENDING");
    }

    @ParameterizedTest
    @MethodSource("names")
    void replaysVector(String name) throws IOException {
        Genesis genesis = null;
        long now = 0;
        List<Block> blocks = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (String[] l : lines(name)) {
            switch (l[0]) {
                case "genesis" ->
                    genesis = GenesisCodec.INSTANCE.decode(Bytes.fromHex(l[1]).toArray());
                case "now" -> now = Long.parseLong(l[1]);
                case "block" ->
                    blocks.add(BlockCodec.BLOCK.decode(Bytes.fromHex(l[1]).toArray()));
                case "expect", "root" -> expected.append(String.join(" ", l)).append('\n');
                default -> throw new AssertionError("unknown line kind " + l[0] + " in " + name);
            }
        }
        assertThat(genesis).isNotNull();
        LifelongVectorReplay.Result result = LifelongVectorReplay.run(genesis, now, BLOBS, blocks);
        assertThat(String.join("\n", result.lines()) + "\n")
                .as(name + ": " + result.comment())
                .isEqualTo(expected.toString());
    }

    private static List<String[]> lines(String name) throws IOException {
        try (InputStream in =
                LifelongVectorReplayTest.class.getResourceAsStream("/vectors/lifelong/" + name + ".txt")) {
            assertThat(in).as("vector file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.trim().split("\\s+"))
                    .toList();
        }
    }
}
