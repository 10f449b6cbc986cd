package io.learnchain.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.data.TrainTestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
    static final TaskPreset TINY = TaskPreset.named("mlp-small");
    static final TrainTestData DATA = TINY.load();

    static SimOutcome run(long seed, int threads, List<Adversary> adversaries) {
        SimConfig config = new SimConfig(3, 2, TINY, seed, 50, threads, adversaries);
        try (ComputePool pool = new ComputePool(threads)) {
            return new Simulation(config, DATA).run(pool);
        }
    }

    @Test
    void honestNodesConvergeOnLearnedBlocks() {
        SimOutcome o = run(7, 1, List.of());
        System.out.println("seed 7: tip " + o.tipHash() + ", events " + o.eventsRun());
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> rows = o.rows(pool);
            rows.forEach(System.out::println);
            assertThat(o.converged()).isTrue();
            assertThat(o.reverifies(pool)).isTrue();
            assertThat(rows.stream().filter(r -> r.kind().equals("pole")).count()).isEqualTo(2);
            assertThat(rows).filteredOn(r -> r.kind().equals("pole"))
                    .allSatisfy(r -> assertThat(r.verifiedScore()).isEqualTo(r.claimedScore()));
            assertThat(o.energyRecycled()).isGreaterThan(0.5);
            assertThat(o.rejections()).isEmpty();
        }
    }

    @Test
    void sameSeedGivesSameTipOnOneAndTwoThreads() {
        SimOutcome first = run(11, 1, List.of());
        SimOutcome again = run(11, 1, List.of());
        SimOutcome twoThreads = run(11, 2, List.of());
        System.out.println("seed 11: tip " + first.tipHash());
        assertThat(first.converged()).isTrue();
        assertThat(again.tipHash()).isEqualTo(first.tipHash());
        assertThat(twoThreads.tipHash()).isEqualTo(first.tipHash());
        assertThat(run(12, 1, List.of()).tipHash()).isNotEqualTo(first.tipHash());
    }

    @Test
    void falseClaimFloodIsRejectedAfterOneEvaluationAndHonestBlocksWin() {
        SimOutcome o = run(7, 1, List.of(Adversary.FALSE_CLAIMS));
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> rows = o.rows(pool);
            rows.forEach(System.out::println);
            System.out.println("rejections " + o.rejections());
            assertThat(o.converged()).isTrue();
            List<SimOutcome.RoundRow> pole = rows.stream().filter(r -> r.kind().equals("pole")).toList();
            assertThat(pole).hasSize(2).allSatisfy(r -> {
                assertThat(r.verifiedScore()).isEqualTo(r.claimedScore());
                assertThat(r.candidates()).isGreaterThanOrEqualTo(50);
                assertThat(r.evaluations()).isLessThanOrEqualTo(2); // k + 1 with one lying source
            });
            assertThat(o.rejections()).containsOnlyKeys("FALSE_SCORE_CLAIM");
        }
    }

    @Test
    void silentRequesterIsForfeitedTwiceAndTheChainGoesOn() {
        SimOutcome o = run(5, 1, List.of(Adversary.SILENT_REQUESTER));
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> rows = o.rows(pool);
            assertThat(o.converged()).isTrue();
            assertThat(rows).extracting(SimOutcome.RoundRow::kind).containsExactly("idle", "forfeit", "forfeit");
            var task = o.nodes().getFirst().chain().head().tip().state().tasks().get(1).orElseThrow();
            assertThat(task.status()).isNotEqualTo(io.learnchain.chain.state.TaskStatus.OPEN);
            assertThat(task.burned()).isEqualTo(Simulation.REWARD.add(Simulation.REWARD)); // both rounds' rewards burned
            assertThat(o.reverifies(pool)).isTrue();
        }
    }

    @Test
    void preminedModelScoresNearChanceAndNeverWins() {
        SimOutcome o = run(7, 1, List.of(Adversary.PREMINED));
        String adversary = io.learnchain.base.Address.of(io.learnchain.chain.genesis.DevAccounts.keys(2).publicKey())
                .toString();
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> pole = o.rows(pool).stream().filter(r -> r.kind().equals("pole")).toList();
            assertThat(o.converged()).isTrue();
            assertThat(pole).hasSize(2).allSatisfy(r -> assertThat(r.winner()).isNotEqualTo(adversary));
            List<Long> preminedClaims = o.events().stream()
                    .filter(e -> e instanceof io.learnchain.node.pole.PoleEvent.CandidateSent c && c.node().equals("node2"))
                    .map(e -> ((io.learnchain.node.pole.PoleEvent.CandidateSent) e).claimedScore()).toList();
            System.out.println("premined claims " + preminedClaims + " (shards of " + pole.getFirst().shardSize() + ")");
            assertThat(preminedClaims).hasSize(2)
                    .allSatisfy(score -> assertThat(score).isLessThan(pole.getFirst().shardSize() * 3L / 10));
        }
    }
}
