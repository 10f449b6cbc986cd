package io.learnchain.chain.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the dqn vectors, only on purpose:
 * {@code ./mvnw -o -pl learnchain-chain -am test -Dtest=DqnVectorWriterTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlearnchain.writeDqnVectors=$PWD/learnchain-chain/src/test/resources/vectors/dqn}. A changed file is
 * a consensus change: say so in the commit.
 */
class DqnVectorWriterTest {

    @Test
    @EnabledIfSystemProperty(named = "learnchain.writeDqnVectors", matches = ".+")
    void writesVectors() throws IOException {
        Path dir = Path.of(System.getProperty("learnchain.writeDqnVectors"));
        Files.createDirectories(dir);
        Map<String, String> all = DqnVectors.all();
        for (Map.Entry<String, String> e : all.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".txt"), e.getValue());
        }
        Files.writeString(dir.resolve("index.txt"), String.join("\n", all.keySet()) + "\n");
        assertThat(all).hasSizeGreaterThanOrEqualTo(10);
    }
}
