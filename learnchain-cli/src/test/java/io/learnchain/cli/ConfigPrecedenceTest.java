package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command line, then LEARNCHAIN_* environment, then the TOML file, then the defaults in the code. */
class ConfigPrecedenceTest {
    @TempDir
    Path tmp;

    private static String blockTime(Cli.Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out()
                .lines()
                .filter(l -> l.startsWith("target-block-seconds"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void usesTheCodeDefaultWhenNothingElseSaysOtherwise() {
        assertThat(blockTime(Cli.run("chain", "genesis", "--dev"))).isEqualTo("target-block-seconds = 2");
    }

    @Test
    void tomlFileOverridesTheDefaultForItsCommandTable() throws Exception {
        Path config = Files.writeString(tmp.resolve("c.toml"), "[chain.genesis]\nblock-time = 5\n");
        assertThat(blockTime(Cli.run("chain", "genesis", "--dev", "--config", config.toString())))
                .isEqualTo("target-block-seconds = 5");
    }

    @Test
    void topLevelTomlKeysApplyToEveryCommandThatHasTheOption() throws Exception {
        Path config = Files.writeString(tmp.resolve("c.toml"), "block-time = 6\n");
        assertThat(blockTime(Cli.run(Map.of("LEARNCHAIN_CONFIG", config.toString()), "chain", "genesis", "--dev")))
                .isEqualTo("target-block-seconds = 6");
    }

    @Test
    void environmentOverridesTheTomlFile() throws Exception {
        Path config = Files.writeString(tmp.resolve("c.toml"), "[chain.genesis]\nblock-time = 5\n");
        assertThat(blockTime(Cli.run(
                        Map.of("LEARNCHAIN_BLOCK_TIME", "7"),
                        "chain",
                        "genesis",
                        "--dev",
                        "--config",
                        config.toString())))
                .isEqualTo("target-block-seconds = 7");
    }

    @Test
    void commandLineOverridesEverything() throws Exception {
        Path config = Files.writeString(tmp.resolve("c.toml"), "[chain.genesis]\nblock-time = 5\n");
        assertThat(blockTime(Cli.run(
                        Map.of("LEARNCHAIN_BLOCK_TIME", "7"),
                        "chain",
                        "genesis",
                        "--dev",
                        "--config",
                        config.toString(),
                        "--block-time",
                        "3")))
                .isEqualTo("target-block-seconds = 3");
    }

    @Test
    void aMissingConfigFileIsAUserErrorThatNamesIt() {
        Cli.Run run =
                Cli.run("chain", "genesis", "--config", tmp.resolve("nope.toml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.toml").contains("does not exist");
    }

    @Test
    void aBrokenConfigFileIsAUserErrorThatSaysHowToFixIt() throws Exception {
        Path config = Files.writeString(tmp.resolve("bad.toml"), "[chain.genesis\nblock-time = = 5\n");
        Cli.Run run = Cli.run("chain", "genesis", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.toml").contains("TOML");
    }
}
