package io.learnchain.chain.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the pole vectors, only on purpose:
 * {@code ./mvnw -o -pl learnchain-chain -am test -Dtest=PoleVectorWriterTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlearnchain.writeVectors=$PWD/learnchain-chain/src/test/resources/vectors/pole}. A changed file is
 * a consensus change: say so in the commit.
 *
 * <p>Format (one item per line, {@code #} comments): {@code genesis <hex>}, {@code now <s>},
 * {@code blob <key> <hex>} (overrides the shared blobs.txt), {@code block <hex>}
 * (a chain; all but the last must be valid), or {@code candidate <hex>} lines (one round's candidates,
 * chosen by {@link CandidateSelection}); then {@code expect VALID | INVALID <REASON> | UNDECIDED <REASON>}
 * (chain mode) or {@code winner <block hash>} and {@code rejected <block hash> <REASON>} lines, and
 * {@code dropped <block hash>}, {@code evaluations <n>} lines, and {@code root <hex>}: the state root after the last valid block (or the winner).
 */
class PoleVectorWriterTest {

    @Test
    @EnabledIfSystemProperty(named = "learnchain.writeVectors", matches = ".+")
    void writesVectors() throws IOException {
        Path dir = Path.of(System.getProperty("learnchain.writeVectors"));
        Files.createDirectories(dir);
        Map<String, PoleVectors.Scenario> all = PoleVectors.all();
        TreeMap<Hash, byte[]> shared = new TreeMap<>();
        for (PoleVectors.Scenario s : all.values()) {
            shared.putAll(s.fixture().blobs());
        }
        StringBuilder blobs =
                new StringBuilder("# blobs shared by the pole vectors: key (SHA-256 of the bytes), bytes\n");
        shared.forEach((k, v) -> blobs.append("blob ")
                .append(k.toHex())
                .append(' ')
                .append(Bytes.of(v).toHex())
                .append('\n'));
        Files.writeString(dir.resolve("blobs.txt"), blobs.toString());
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, PoleVectors.Scenario> e : all.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".txt"), write(e.getKey(), e.getValue()));
            names.add(e.getKey());
        }
        Files.writeString(dir.resolve("index.txt"), String.join("\n", names) + "\n");
        assertThat(names).hasSizeGreaterThanOrEqualTo(40);
    }

    private static String write(String name, PoleVectors.Scenario s) {
        PoleFixture f = s.fixture();
        StringBuilder sb = new StringBuilder("# ").append(s.description()).append('\n');
        sb.append("genesis ")
                .append(Bytes.of(f.genesis.canonicalBytes()).toHex())
                .append('\n');
        sb.append("now ").append(f.syncContext.nowSeconds()).append('\n');
        s.blobOverrides()
                .forEach((k, v) -> sb.append("blob ")
                        .append(k.toHex())
                        .append(' ')
                        .append(Bytes.of(v).toHex())
                        .append('\n'));
        PoleVectorReplay.Result result =
                PoleVectorReplay.run(f.genesis, f.syncContext.nowSeconds(), mergedBlobs(s), s.blocks(), s.candidates());
        for (Block b : s.blocks()) {
            sb.append("block ")
                    .append(Bytes.of(BlockCodec.BLOCK.encode(b)).toHex())
                    .append('\n');
        }
        for (Block b : s.candidates()) {
            sb.append("candidate ")
                    .append(Bytes.of(BlockCodec.BLOCK.encode(b)).toHex())
                    .append('\n');
        }
        sb.append(result.expectationLines());
        return sb.toString();
    }

    private static Map<Hash, byte[]> mergedBlobs(PoleVectors.Scenario s) {
        TreeMap<Hash, byte[]> m = new TreeMap<>(s.fixture().blobs());
        m.putAll(s.blobOverrides());
        return m;
    }
}
