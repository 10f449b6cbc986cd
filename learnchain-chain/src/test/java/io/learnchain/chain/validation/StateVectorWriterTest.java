package io.learnchain.chain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the state vectors, only on purpose:
 * {@code ./mvnw -o -pl learnchain-chain -am test -Dtest=StateVectorWriterTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlearnchain.writeVectors=$PWD/learnchain-chain/src/test/resources/vectors/state}. A changed file
 * is a consensus change: say so in the commit.
 */
class StateVectorWriterTest {

    @Test
    @EnabledIfSystemProperty(named = "learnchain.writeVectors", matches = ".+")
    void writesVectors() throws IOException {
        Path dir = Path.of(System.getProperty("learnchain.writeVectors"));
        Files.createDirectories(dir);
        for (Map.Entry<String, StateVectors.Scenario> e : StateVectors.all().entrySet()) {
            StringBuilder sb =
                    new StringBuilder("# ").append(e.getValue().description()).append('\n');
            sb.append("genesis ")
                    .append(Bytes.of(ChainFixture.GENESIS.canonicalBytes()).toHex())
                    .append('\n');
            sb.append("now ").append(ChainFixture.CONTEXT.nowSeconds()).append('\n');
            ChainTip tip = ChainFixture.genesisTip();
            Verdict last = null;
            for (Block b : e.getValue().blocks()) {
                sb.append("block ")
                        .append(Bytes.of(BlockCodec.BLOCK.encode(b)).toHex())
                        .append('\n');
                last = BlockProcessor.apply(tip, b, ChainFixture.RULES, ChainFixture.CONTEXT);
                if (last instanceof Verdict.Valid v) {
                    tip = v.tip();
                }
            }
            switch (last) {
                case Verdict.Valid v -> sb.append("expect VALID\n");
                case Verdict.Invalid i ->
                    sb.append("expect INVALID ")
                            .append(i.reason())
                            .append("\n# ")
                            .append(i.detail())
                            .append('\n');
                case Verdict.Undecided u -> throw new AssertionError("scenario " + e.getKey() + " is undecided");
                case null -> throw new AssertionError("scenario " + e.getKey() + " has no blocks");
            }
            sb.append("root ").append(tip.state().root().toHex()).append('\n');
            Files.writeString(dir.resolve(e.getKey() + ".txt"), sb.toString());
        }
        assertThat(StateVectorReplayTest.NAMES)
                .containsExactlyInAnyOrderElementsOf(StateVectors.all().keySet());
    }
}
