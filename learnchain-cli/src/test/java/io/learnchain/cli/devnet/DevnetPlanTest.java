package io.learnchain.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.chain.genesis.DevAccounts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DevnetPlanTest {
    private static final Path ROOT = Path.of("/tmp/devnet-plan");

    @Test
    void givesNodeIItsApiPortPeerPortFolderAndDevKey() {
        DevnetPlan plan = DevnetPlan.of(ROOT, 3, 8645);

        assertThat(plan.nodes()).hasSize(3);
        DevnetPlan.NodePlan node2 = plan.nodes().get(2);
        assertThat(node2.apiPort()).isEqualTo(8647);
        assertThat(node2.p2pPort()).isEqualTo(9647);
        assertThat(node2.dataDir()).isEqualTo(ROOT.resolve("node-2"));
        assertThat(node2.logFile()).isEqualTo(ROOT.resolve("node-2").resolve("node.log"));
        assertThat(node2.minerKey()).isEqualTo("dev:2");
        assertThat(node2.miner()).isEqualTo(DevAccounts.address(2));
        assertThat(node2.apiUrl()).isEqualTo("http://127.0.0.1:8647/api/v1");
        assertThat(plan.nodes().get(0).requester()).isTrue();
        assertThat(node2.requester()).isFalse();
        assertThat(plan.genesisFile()).isEqualTo(ROOT.resolve("genesis.toml"));
        assertThat(plan.ports()).containsExactly(8645, 8646, 8647, 9645, 9646, 9647);
    }

    @Test
    void rejectsNodeCountsOutsideOneToSixteen() {
        assertThatThrownBy(() -> DevnetPlan.of(ROOT, 0, 8645)).hasMessageContaining("--nodes must be 1 to 16");
        assertThatThrownBy(() -> DevnetPlan.of(ROOT, 17, 8645)).hasMessageContaining("--nodes must be 1 to 16");
    }

    @Test
    void rejectsBasePortsThatLeaveNoRoomForThePeerPorts() {
        assertThatThrownBy(() -> DevnetPlan.of(ROOT, 3, 64_600))
                .hasMessageContaining("--base-port 64600")
                .hasMessageContaining("pick a base from 1024 to 64533");
        assertThatThrownBy(() -> DevnetPlan.of(ROOT, 3, 80)).hasMessageContaining("--base-port 80");
        assertThat(DevnetPlan.of(ROOT, 3, 64_533).ports()).contains(65_535);
    }

    @Test
    void namesDevAccountsAndLeavesOtherAddressesAlone() {
        assertThat(DevnetPlan.accountName(DevAccounts.address(7).toString(), 10))
                .isEqualTo("dev:7");
        assertThat(DevnetPlan.accountName(DevAccounts.address(12).toString(), 10))
                .isEqualTo(DevAccounts.address(12).toString());
    }
}
