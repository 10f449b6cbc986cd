package io.learnchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.learn.compute.ComputePool;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SCENARIOS.md B8 in the simulation: the sides run apart, then sync makes them agree on one tip. */
class PartitionSimulationTest {

    @Test
    void splitSidesBothGoOnAndConvergeAfterTheHeal() {
        PartitionSpec split = PartitionSpec.parse("0-1|2-3@1s-40s");
        SimConfig config = new SimConfig(4, 3, SimulationTest.TINY, 5, 50, 1, List.of(), Optional.of(split));
        try (ComputePool pool = ComputePool.serial()) {
            Simulation sim = new Simulation(config, SimulationTest.DATA);
            SimOutcome o = sim.run(pool);
            List<Long> atHeal = sim.network().heightsAtHeal();
            System.out.println("heights at the heal " + atHeal + ", synced blocks "
                    + sim.network().syncedBlocks() + ", tip " + o.tipHash());
            // The requester's side (0-1) goes on with the task; the other side keeps its chain and waits
            // for the round's reveal (up to the task's maximum phase time, PROTOCOL.md 3.4).
            assertThat(atHeal).hasSize(4);
            assertThat(atHeal.get(0)).as("the requester's side went on").isGreaterThan(atHeal.get(2));
            assertThat(o.converged()).as("one tip everywhere").isTrue();
            assertThat(o.reverifies(pool)).isTrue();
            assertThat(sim.network().syncedBlocks()).as("the heal needed sync").isPositive();
        }
    }

    @Test
    void parsesSidesRangesListsAndUnits() {
        PartitionSpec p = PartitionSpec.parse("0-1,4|2-3@60s-3m");
        assertThat(p.sides()).hasSize(2);
        assertThat(p.sides().getFirst()).containsExactly(0, 1, 4);
        assertThat(p.fromMillis()).isEqualTo(60_000);
        assertThat(p.toMillis()).isEqualTo(180_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PartitionSpec.parse("0-1|1-2@1s-2s"))
                .hasMessageContaining("two sides");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PartitionSpec.parse("0-1"))
                .hasMessageContaining("SIDES@FROM-TO");
    }
}
