package io.learnchain.chain.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Amount;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.GenesisCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DqnGenesisTest {

    @ParameterizedTest
    @ValueSource(strings = {"cartpole", "gridworld", "inventory"})
    void roundTripsDqnSection(String env) {
        for (ForkOption option : ForkOption.values()) {
            Genesis g = Genesis.dqnDevnet(3, env, option, Amount.ofCoins(7), 1000);
            Genesis back = GenesisCodec.INSTANCE.decode(g.canonicalBytes());
            assertThat(back).isEqualTo(g);
            assertThat(back.chainId()).isEqualTo(g.chainId());
        }
    }

    @Test
    void optionAndAwardChangeTheChainId() {
        Genesis a = Genesis.dqnDevnet(3, "cartpole", ForkOption.LAST_REWARD, Amount.ofCoins(7), 1000);
        Genesis b = Genesis.dqnDevnet(3, "cartpole", ForkOption.REWARD_SUM, Amount.ofCoins(7), 1000);
        Genesis c = Genesis.dqnDevnet(3, "cartpole", ForkOption.LAST_REWARD, Amount.ofCoins(8), 1000);
        assertThat(List.of(a.chainId(), b.chainId(), c.chainId())).doesNotHaveDuplicates();
    }

    @Test
    void nonDqnGenesisEncodesAsBefore() {
        Genesis idle = ChainFixture.GENESIS;
        byte[] bytes = idle.canonicalBytes();
        Genesis explicit = new Genesis(
                idle.chainName(),
                Engine.of("idle", Optional.empty()),
                idle.targetBlockSeconds(),
                idle.initialDifficulty(),
                idle.premine(),
                idle.limits(),
                idle.blockSubsidy(),
                idle.timestamp());
        assertThat(explicit.canonicalBytes()).isEqualTo(bytes);
    }

    @Test
    void requiresDqnSectionExactlyForDqnEngine() {
        assertThatThrownBy(() -> Engine.of("dqn", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dqn section");
        DqnParameters p = DqnParameters.defaults("cartpole", ForkOption.LAST_REWARD, Amount.ofCoins(1));
        assertThatThrownBy(() -> Engine.of("idle", Optional.of(p)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only a dqn genesis");
        assertThat(Engine.of("dqn", Optional.of(p)).dqn()).contains(p);
    }

    @Test
    void rejectsTruncatedOrUnknownOptionSection() {
        byte[] bytes = Genesis.dqnDevnet(1, "cartpole", ForkOption.REWARD_SUM, Amount.ofCoins(1), 5)
                .canonicalBytes();
        assertThatThrownBy(() -> GenesisCodec.INSTANCE.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsNetworkThatDoesNotFitEnvironment() {
        DqnParameters cart = DqnParameters.defaults("cartpole", ForkOption.LAST_REWARD, Amount.ofCoins(1));
        assertThatThrownBy(() -> new DqnParameters(
                        "gridworld", ForkOption.LAST_REWARD, Amount.ofCoins(1), cart.hyperparameters()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forEnvironment");
    }
}
