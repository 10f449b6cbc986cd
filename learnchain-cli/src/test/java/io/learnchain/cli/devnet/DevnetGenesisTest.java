package io.learnchain.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.DevChain;
import io.learnchain.node.genesis.GenesisFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetGenesisTest {
    @Test
    void fundsTheDevAccountsWithTheEngineAndBlockTimeAsked() {
        Genesis genesis = DevnetGenesis.of("pole", 3, 2);

        assertThat(genesis.engine().name()).isEqualTo("pole");
        assertThat(genesis.targetBlockSeconds()).isEqualTo(2);
        assertThat(genesis.initialDifficulty()).isEqualTo(1);
        assertThat(genesis.premine())
                .hasSize(DevAccounts.DEFAULT_COUNT)
                .allSatisfy(p -> assertThat(p.amount()).isEqualTo(DevChain.premineEach()));
        assertThat(genesis.premine()).anySatisfy(p -> assertThat(p.address()).isEqualTo(DevAccounts.address(9)));
    }

    @Test
    void writesADqnCartpoleGenesisThatReadsBackForEngineDqn(@TempDir Path dir) {
        DevnetPlan plan = DevnetPlan.of(dir.resolve("net"), 3, 8645);

        Genesis genesis = DevnetGenesis.writeOrReuse(plan, "dqn", 1);

        assertThat(genesis.engine().name()).isEqualTo("dqn");
        assertThat(genesis.targetBlockSeconds()).as("the proposal slot").isEqualTo(1);
        assertThat(genesis.dqn())
                .hasValueSatisfying(p -> assertThat(p.environment()).isEqualTo("cartpole"));
        assertThat(genesis.premine()).hasSize(DevAccounts.DEFAULT_COUNT);
        assertThat(GenesisFiles.read(plan.genesisFile()).chainId()).isEqualTo(genesis.chainId());
    }

    @Test
    void fundsOneAccountPerNodeBeyondTheTenDefaultOnes() {
        Genesis genesis = DevnetGenesis.of("idle", 14, 2);

        assertThat(genesis.premine())
                .hasSize(14)
                .anySatisfy(p -> assertThat(p.address()).isEqualTo(DevAccounts.address(13)));
    }

    @Test
    void writesTheGenesisFileOnceAndReusesItOnRestart(@TempDir Path dir) throws Exception {
        DevnetPlan plan = DevnetPlan.of(dir.resolve("net"), 3, 8645);

        Genesis first = DevnetGenesis.writeOrReuse(plan, "idle", 2);
        assertThat(GenesisFiles.read(plan.genesisFile()).chainId()).isEqualTo(first.chainId());
        String written = Files.readString(plan.genesisFile());

        Genesis again = DevnetGenesis.writeOrReuse(plan, "idle", 5);
        assertThat(again.chainId())
                .as("a restart keeps the stored chain, whatever --block-time says")
                .isEqualTo(first.chainId());
        assertThat(Files.readString(plan.genesisFile())).isEqualTo(written);
    }

    @Test
    void refusesToRestartAStoredDevnetUnderAnotherEngine(@TempDir Path dir) {
        DevnetPlan plan = DevnetPlan.of(dir, 2, 8645);
        DevnetGenesis.writeOrReuse(plan, "idle", 2);

        assertThatThrownBy(() -> DevnetGenesis.writeOrReuse(plan, "pole", 2))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("runs engine idle, not pole")
                .hasMessageContaining("--engine idle");
    }
}
