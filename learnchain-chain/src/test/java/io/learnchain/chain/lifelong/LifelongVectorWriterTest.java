package io.learnchain.chain.lifelong;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.ChainFixture;
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
 * Regenerates the lifelong vectors, only on purpose:
 * {@code ./mvnw -o -pl learnchain-chain -am test -Dtest=LifelongVectorWriterTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlearnchain.writeLifelongVectors=$PWD/learnchain-chain/src/test/resources/vectors/lifelong}. A changed
 * file is a consensus change: say so in the commit.
 *
 * <p>Format (one item per line, {@code #} comments): {@code genesis <hex>}, {@code now <s>}, then
 * {@code block <hex>} lines (all but the last must be valid), {@code expect VALID | INVALID <REASON> |
 * UNDECIDED <REASON>} for the last block and {@code root <hex>}, the state root after the last valid
 * block. Blobs (weights and test parts) are shared in {@code blobs.txt}: {@code blob <key> <hex>}.
 */
class LifelongVectorWriterTest {

    @Test
    @EnabledIfSystemProperty(named = "learnchain.writeLifelongVectors", matches = ".+")
    void writesVectors() throws IOException {
        Path dir = Path.of(System.getProperty("learnchain.writeLifelongVectors"));
        Files.createDirectories(dir);
        Map<String, LifelongVectors.Scenario> all = LifelongVectors.all();
        StringBuilder blobs =
                new StringBuilder("# blobs shared by the lifelong vectors: key (SHA-256 of the bytes)," + " bytes\n");
        new TreeMap<>(LifelongVectors.F.blobs())
                .forEach((k, v) -> blobs.append("blob ")
                        .append(k.toHex())
                        .append(' ')
                        .append(Bytes.of(v).toHex())
                        .append('\n'));
        Files.writeString(dir.resolve("blobs.txt"), blobs.toString());
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, LifelongVectors.Scenario> e : all.entrySet()) {
            LifelongVectors.Scenario s = e.getValue();
            StringBuilder sb = new StringBuilder("# ").append(s.description()).append('\n');
            sb.append("genesis ")
                    .append(Bytes.of(ChainFixture.GENESIS.canonicalBytes()).toHex())
                    .append('\n');
            sb.append("now ").append(ChainFixture.CONTEXT.nowSeconds()).append('\n');
            for (Block b : s.blocks()) {
                sb.append("block ")
                        .append(Bytes.of(BlockCodec.BLOCK.encode(b)).toHex())
                        .append('\n');
            }
            sb.append(LifelongVectorReplay.run(
                            ChainFixture.GENESIS,
                            ChainFixture.CONTEXT.nowSeconds(),
                            LifelongVectors.F.blobs(),
                            s.blocks())
                    .expectationLines());
            Files.writeString(dir.resolve(e.getKey() + ".txt"), sb.toString());
            names.add(e.getKey());
        }
        Files.writeString(dir.resolve("index.txt"), String.join("\n", names) + "\n");
        assertThat(names).hasSizeGreaterThanOrEqualTo(30);
    }
}
