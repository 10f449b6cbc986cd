package io.learnchain.chain.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenesisTest {

    private static Genesis with(List<Premine> premine) {
        return new Genesis("t", Engine.IDLE, 10, 1, premine, ProtocolLimits.DEFAULT, Amount.ofCoins(50), 0);
    }

    @Test
    void devAccountsAreTheDocumentedPublicOnes() {
        assertThat(DevAccounts.address(0)).hasToString("lc1rtzvgju3xleppuvrfgndufvtjqxc5udj3k34wr");
        assertThat(DevAccounts.address(9)).hasToString("lc193ccc6atme4s389vg6d0qcusww6rxe9j6kspqt");
        assertThat(DevAccounts.keys(12).publicKey())
                .isEqualTo(DevAccounts.keys(12).publicKey());
        assertThat(Genesis.devnet().chainId())
                .isEqualTo(Hash.fromHex("59b545c43ea4a11aea4a1141ec712ad10d4ed0063d4ccbfe4f69cfdda4a4184b"));
    }

    @Test
    void premineOrderDoesNotChangeTheChain() {
        List<Premine> premine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            premine.add(new Premine(DevAccounts.address(i), Amount.ofCoins(i + 1)));
        }
        List<Premine> reversed = new ArrayList<>(premine);
        Collections.reverse(reversed);
        assertThat(with(reversed).chainId()).isEqualTo(with(premine).chainId());
        assertThat(with(reversed).initialState().root())
                .isEqualTo(with(premine).initialState().root());
        assertThat(with(premine).initialState().totalSupply()).isEqualTo(Amount.ofCoins(15));
    }

    @Test
    void everyFieldChangesTheChainId() {
        Genesis base = Genesis.devnet();
        List<Genesis> variants = List.of(
                new Genesis(
                        "other",
                        base.engine(),
                        base.targetBlockSeconds(),
                        base.initialDifficulty(),
                        base.premine(),
                        base.limits(),
                        base.blockSubsidy(),
                        base.timestamp()),
                new Genesis(
                        base.chainName(),
                        Engine.POLE,
                        base.targetBlockSeconds(),
                        base.initialDifficulty(),
                        base.premine(),
                        base.limits(),
                        base.blockSubsidy(),
                        base.timestamp()),
                new Genesis(
                        base.chainName(),
                        base.engine(),
                        11,
                        base.initialDifficulty(),
                        base.premine(),
                        base.limits(),
                        base.blockSubsidy(),
                        base.timestamp()),
                new Genesis(
                        base.chainName(),
                        base.engine(),
                        base.targetBlockSeconds(),
                        2,
                        base.premine(),
                        base.limits(),
                        base.blockSubsidy(),
                        base.timestamp()),
                new Genesis(
                        base.chainName(),
                        base.engine(),
                        base.targetBlockSeconds(),
                        base.initialDifficulty(),
                        base.premine().subList(1, base.premine().size()),
                        base.limits(),
                        base.blockSubsidy(),
                        base.timestamp()),
                new Genesis(
                        base.chainName(),
                        base.engine(),
                        base.targetBlockSeconds(),
                        base.initialDifficulty(),
                        base.premine(),
                        new ProtocolLimits(1000, 10, 1, 1, 5),
                        base.blockSubsidy(),
                        base.timestamp()),
                new Genesis(
                        base.chainName(),
                        base.engine(),
                        base.targetBlockSeconds(),
                        base.initialDifficulty(),
                        base.premine(),
                        base.limits(),
                        Amount.ofCoins(49),
                        base.timestamp()),
                new Genesis(
                        base.chainName(),
                        base.engine(),
                        base.targetBlockSeconds(),
                        base.initialDifficulty(),
                        base.premine(),
                        base.limits(),
                        base.blockSubsidy(),
                        1));
        assertThat(variants.stream().map(Genesis::chainId).distinct())
                .hasSize(variants.size())
                .doesNotContain(base.chainId());
    }

    @Test
    void rejectsDuplicateAndOverflowingPremineAndUnknownEngine() {
        Premine a = new Premine(DevAccounts.address(0), Amount.ofCoins(1));
        assertThatThrownBy(() -> with(List.of(a, a))).hasMessageContaining("premined twice");
        assertThatThrownBy(() -> with(List.of(
                        new Premine(DevAccounts.address(0), Amount.MAX),
                        new Premine(DevAccounts.address(1), Amount.ofUnits(1)))))
                .hasMessageContaining("maximum amount");
        assertThatThrownBy(() -> Engine.of("pow", Optional.empty())).hasMessageContaining("unknown engine 'pow'");
    }
}
