package io.learnchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.Genesis;
import org.junit.jupiter.api.Test;

class DevChainTest {
    @Test
    void devChainIsThePoleTwinOfTheIdleDevnetWithTheBlockTimeAsTarget() {
        Genesis dev = DevChain.genesis(10);
        Genesis idle = Genesis.devnet();
        assertThat(dev.engine()).isEqualTo(Engine.POLE);
        assertThat(LearnchainNode.runsPoleRounds(dev)).isTrue();
        assertThat(LearnchainNode.runsPoleRounds(idle)).isFalse();
        assertThat(dev.premine()).isEqualTo(idle.premine());
        assertThat(dev.initialDifficulty()).isEqualTo(1);
        assertThat(dev.chainId()).isNotEqualTo(idle.chainId());
        assertThat(DevChain.genesis(3).targetBlockSeconds()).isEqualTo(3);
        assertThat(DevChain.genesis(3).chainId()).isNotEqualTo(dev.chainId());
        assertThatThrownBy(() -> DevChain.genesis(0)).hasMessageContaining("--block-time");
    }
}
