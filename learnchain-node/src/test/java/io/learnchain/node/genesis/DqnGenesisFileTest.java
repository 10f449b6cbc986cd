package io.learnchain.node.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Amount;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.genesis.Genesis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DqnGenesisFileTest {
    @TempDir
    Path dir;

    @Test
    void dqnGenesisRoundTripsThroughTomlAndJson() throws IOException {
        Genesis g = Genesis.dqnDevnet(2, "gridworld", ForkOption.REWARD_SUM, Amount.ofCoins(3), 1_700_000_000L);
        Path toml = Files.writeString(dir.resolve("g.toml"), GenesisFiles.toToml(g));
        Path json = Files.writeString(dir.resolve("g.json"), GenesisFiles.toJson(g));
        assertThat(Files.readString(toml)).contains("dqn").contains("gridworld");
        assertThat(GenesisFiles.read(toml).chainId()).isEqualTo(g.chainId());
        assertThat(GenesisFiles.read(json).chainId()).isEqualTo(g.chainId());
    }

    @Test
    void idleGenesisFileHasNoDqnSection() {
        assertThat(GenesisFiles.toToml(Genesis.devnet())).doesNotContain("dqn");
    }

    @Test
    void dqnEngineWithoutSectionSaysWhatIsMissing() throws IOException {
        Path toml = Files.writeString(dir.resolve("bad.toml"), """
                chain-name = "x"
                engine = "dqn"
                target-block-seconds = 1
                initial-difficulty = 1
                block-subsidy = "0"
                timestamp = 0
                """);
        assertThatThrownBy(() -> GenesisFiles.read(toml)).hasMessageContaining("[dqn] section");
    }
}
