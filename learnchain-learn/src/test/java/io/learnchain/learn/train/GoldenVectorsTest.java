package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.learn.fixtures.EngineVectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Committed hashes of kernel outputs, initial weights and weights after a few training steps of every
 * predefined model, evaluation counts, logits and lifelong losses (src/test/resources/golden/engine.txt,
 * {@link EngineVectors}). They must never change silently: a change
 * breaks replay of every training record on chain. To regenerate deliberately, run with
 * -Dlearnchain.golden.write=true and say why in the commit.
 */
class GoldenVectorsTest {
    private static final String FILE = "golden/engine.txt";

    @Test
    void kernelsInitialWeightsAndTrainedWeightsMatchCommittedHashes() throws IOException {
        Map<String, String> actual = EngineVectors.compute(2, false);
        if (Boolean.getBoolean("learnchain.golden.write")) {
            StringBuilder sb = new StringBuilder();
            actual.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
            Files.writeString(Path.of("src/test/resources", FILE), sb.toString());
        }
        assertThat(actual).isEqualTo(committed());
    }

    /** The committed golden values. */
    static Map<String, String> committed() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = GoldenVectorsTest.class.getClassLoader().getResourceAsStream(FILE)) {
            assertThat(in).as("committed golden file %s", FILE).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] p = line.split(" ");
                    out.put(p[0], p[1]);
                }
            }
        }
        return out;
    }
}
