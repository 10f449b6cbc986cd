package io.learnchain.base.rng;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed PRNG vectors (src/test/resources/vectors/splitmix64.txt). Rows:
 * {@code next seed hex...} (nextLong outputs), {@code derive seed stream hex...} (first outputs of
 * derive), {@code bounded seed bound dec...} (nextLong(bound) outputs).
 */
class SplitMix64VectorsTest {

    @Test
    void matchesCommittedVectors() throws IOException {
        List<String[]> rows;
        try (InputStream in = getClass().getResourceAsStream("/vectors/splitmix64.txt")) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.trim().split("\\s+"))
                    .toList();
        }
        assertThat(rows).hasSizeGreaterThanOrEqualTo(6);
        for (String[] row : rows) {
            switch (row[0]) {
                case "next" -> {
                    SplitMix64 rng = new SplitMix64(Long.parseUnsignedLong(row[1], 16));
                    for (int i = 2; i < row.length; i++) {
                        assertThat(Long.toHexString(rng.nextLong())).isEqualTo(row[i]);
                    }
                }
                case "derive" -> {
                    SplitMix64 rng = SplitMix64.derive(Long.parseUnsignedLong(row[1], 16), Long.parseLong(row[2]));
                    for (int i = 3; i < row.length; i++) {
                        assertThat(Long.toHexString(rng.nextLong())).isEqualTo(row[i]);
                    }
                }
                case "bounded" -> {
                    SplitMix64 rng = new SplitMix64(Long.parseUnsignedLong(row[1], 16));
                    long bound = Long.parseLong(row[2]);
                    for (int i = 3; i < row.length; i++) {
                        assertThat(rng.nextLong(bound)).isEqualTo(Long.parseLong(row[i]));
                    }
                }
                default -> throw new AssertionError("unknown vector kind " + row[0]);
            }
        }
    }
}
