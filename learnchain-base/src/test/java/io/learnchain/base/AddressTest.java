package io.learnchain.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.rng.SplitMix64;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    static List<String[]> vectors(String name) throws IOException {
        try (InputStream in = AddressTest.class.getResourceAsStream("/vectors/" + name)) {
            assertThat(in).as("vector file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.trim().split("\\s+"))
                    .toList();
        }
    }

    @Test
    void matchesCommittedVectors() throws IOException {
        List<String[]> rows = vectors("address.txt");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
        for (String[] row : rows) {
            Address address = Address.of(PublicKey.fromHex(row[0]));
            assertThat(address.bytes().toHex()).isEqualTo(row[1]);
            assertThat(address).hasToString(row[2]);
            assertThat(Address.parse(row[2])).isEqualTo(address);
            assertThat(Address.parse(row[2].toUpperCase())).isEqualTo(address);
        }
    }

    @Test
    void textFormStartsWithLc1AndHas41Characters() {
        Address a = Address.ofBytes(new byte[20]);
        assertThat(a.toString()).startsWith("lc1").hasSize(41);
    }

    @Test
    void rejectsEverySingleCharacterTypo() {
        long seed = 20261121L;
        SplitMix64 rng = new SplitMix64(seed);
        String alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        for (int trial = 0; trial < 500; trial++) {
            byte[] raw = new byte[20];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) rng.nextInt(256);
            }
            String text = Address.ofBytes(raw).toString();
            int pos = 3 + rng.nextInt(text.length() - 3);
            char replacement;
            do {
                replacement = alphabet.charAt(rng.nextInt(32));
            } while (replacement == text.charAt(pos));
            String typo = text.substring(0, pos) + replacement + text.substring(pos + 1);
            assertThatThrownBy(() -> Address.parse(typo))
                    .as("seed %d trial %d: %s", seed, trial, typo)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad checksum: check the address for a typo");
        }
    }

    @Test
    void rejectsWrongPrefixWithAHint() {
        String other = Bech32m.encode("bc", new byte[20]);
        assertThatThrownBy(() -> Address.parse(other))
                .hasMessageContaining("wrong prefix")
                .hasMessageContaining("start with lc1");
    }

    @Test
    void rejectsWrongLength() {
        String shortOne = Bech32m.encode("lc", new byte[19]);
        assertThatThrownBy(() -> Address.parse(shortOne)).hasMessageContaining("wrong length");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "lc",
                "lcqqqq",
                "Lc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
                "lc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqbqqqqqq",
                "0x0123456789abcdef0123456789abcdef01234567"
            })
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> Address.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "A1LQFN3A",
                "a1lqfn3a",
                "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
                "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
                "?1v759aa"
            })
    void acceptsBip350ChecksumVectors(String valid) {
        Bech32m.verifyChecksum(valid);
    }
}
