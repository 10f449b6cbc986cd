package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.rng.SplitMix64;
import org.junit.jupiter.api.Test;

class InventoryControlTest {
    private final InventoryControl env = new InventoryControl();

    @Test
    void runsForeverWithStockWithinCapacity() {
        SplitMix64 policy = new SplitMix64(5);
        EnvState s = env.reset(5);
        for (int t = 0; t < 2000; t++) {
            StepResult r = env.step(s, policy.nextInt(5), SplitMix64.derive(5, t));
            assertThat(r.done()).isFalse();
            assertThat(r.reward()).isEqualTo(r.unshapedReward());
            assertThat(r.next().value(0)).isBetween(0f, 1f);
            assertThat(r.next().tick()).isEqualTo(t + 1);
            s = r.next();
        }
    }

    @Test
    void profitFollowsSalesOrdersHoldingAndLostSales() {
        EnvState empty = env.reset(0);
        EnvState s = new EnvState(new float[] {0f, 0f, empty.value(2), empty.value(3)}, 0);
        // Ordering 2 from an empty shop: sales = min(2, demand).
        SplitMix64 probe = new SplitMix64(11);
        int demand = 0;
        for (int i = 0; i < 8; i++) {
            if (probe.nextFloat() < 0.5f) {
                demand++;
            }
        }
        StepResult r = env.step(s, 1, new SplitMix64(11));
        int sales = Math.min(2, demand);
        float expected = 2f * sales - 2 - 0.5f - 0.1f * (2 - sales) - 0.5f * (demand - sales);
        assertThat(r.reward()).isEqualTo(Math.round(expected * 1000));
        assertThat(r.next().value(1)).isEqualTo(demand / 8f);
    }

    @Test
    void demandFollowsTheSeason() {
        assertThat(InventoryControl.meanDemand(0)).isEqualTo(4f);
        assertThat(InventoryControl.meanDemand(3)).isEqualTo(6f);
        assertThat(InventoryControl.meanDemand(9)).isEqualTo(2f);
    }

    @Test
    void rejectsStockBetweenUnits() {
        assertThatThrownBy(() -> env.step(new EnvState(new float[] {0.33f, 0f, 0f, 1f}, 0), 0, new SplitMix64(1)))
                .hasMessageContaining("multiple of 1/20");
    }
}
