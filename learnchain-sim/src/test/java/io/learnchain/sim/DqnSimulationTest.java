package io.learnchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.learn.compute.ComputePool;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DqnSimulationTest {

    static DqnSimOutcome run(String env, int nodes, long blocks, long seed, int threads) {
        DqnSimConfig config = new DqnSimConfig(env, ForkOption.LAST_REWARD, nodes, blocks, seed, 10, 20, threads);
        try (ComputePool pool = new ComputePool(threads)) {
            return new DqnSimulation(config).run(pool);
        }
    }

    @Test
    void sameSeedGivesSameTipTwiceAndOnOneAndTwoThreads() {
        DqnSimOutcome first = run("cartpole", 3, 120, 11, 1);
        DqnSimOutcome again = run("cartpole", 3, 120, 11, 1);
        DqnSimOutcome twoThreads = run("cartpole", 3, 120, 11, 2);
        System.out.println("seed 11: tip " + first.tipHash() + ", wins " + first.wins());
        assertThat(first.chain()).hasSizeGreaterThanOrEqualTo(120);
        assertThat(again.tipHash()).isEqualTo(first.tipHash());
        assertThat(twoThreads.tipHash()).isEqualTo(first.tipHash());
        assertThat(run("cartpole", 3, 120, 12, 1).tipHash()).isNotEqualTo(first.tipHash());
    }

    @Test
    void everyNodeProposesAtEveryHeightAndSeveralWin() {
        DqnSimOutcome o = run("gridworld", 3, 100, 5, 1);
        assertThat(o.proposals()).isEqualTo(3L * 100);
        assertThat(o.chain()).hasSize(100);
        Map<String, Long> wins = o.wins();
        assertThat(wins).hasSize(3);
        assertThat(o.greedyReturns()).hasSize(3);
    }

    @Test
    void randomPolicyControlRunActsAtRandom() {
        DqnSimConfig config = new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 1, 400, 4, 10, 20, 1, true);
        DqnSimOutcome o;
        try (ComputePool pool = ComputePool.serial()) {
            o = new DqnSimulation(config).run(pool);
        }
        double mean = o.episodes().stream()
                .mapToDouble(EpisodeTally.Episode::episodeReturn)
                .average()
                .orElseThrow();
        System.out.printf(
                "random policy, 1 node: %d episodes, mean return %.1f%n",
                o.episodes().size(), mean);
        assertThat(mean).isBetween(10.0, 40.0);
        assertThat(o.genesis().chainId())
                .isNotEqualTo(run("cartpole", 1, 1, 4, 1).genesis().chainId());
    }

    @Test
    void nonEpisodicTaskIsCutIntoSegments() {
        DqnSimOutcome o = run("inventory", 2, 250, 3, 1);
        assertThat(o.episodes()).hasSize(2);
        assertThat(o.thresholdHeight()).isEqualTo(-1);
        assertThat(DqnSimReport.json(o, 1.0)).containsEntry("converged", false);
    }

    @Test
    void untilConvergedStopsSoonAfterTheThresholdOnThePrefixOfTheFullRun() {
        DqnSimConfig full = new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 4, 700, 1, 2, 20, 1, false, false, 0);
        DqnSimConfig early = new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 4, 700, 1, 2, 20, 1, false, true, 0);
        DqnSimOutcome a;
        DqnSimOutcome b;
        try (ComputePool pool = ComputePool.serial()) {
            a = new DqnSimulation(full).run(pool);
            b = new DqnSimulation(early).run(pool);
        }
        System.out.printf(
                "until converged: threshold at %d, stopped at %d of %d%n",
                b.thresholdHeight(), b.chain().size(), a.chain().size());
        assertThat(a.thresholdHeight()).isPositive().isLessThan(600);
        assertThat(b.thresholdHeight()).isEqualTo(a.thresholdHeight());
        assertThat(b.chain().size()).isBetween((int) b.thresholdHeight(), (int) b.thresholdHeight() + 4);
        assertThat(b.tipHash()).isEqualTo(a.chain().get(b.chain().size() - 1).hash());
        assertThat(DqnSimReport.json(b, 1.0))
                .containsEntry("untilConverged", true)
                .containsEntry("converged", true);
    }

    /**
     * Every node rebuilds each proposer's public learner, so the chain carries real training (batch
     * seeds once past the warm-up) and every block's action is its proposer's policy's: a run ends with
     * no honest block refused.
     */
    @Test
    void everyBlockCarriesItsProposersPublicTraining() {
        DqnSimConfig config =
                new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 3, 700, 2, 5, 20, 1, false, false, 0);
        DqnSimOutcome o;
        try (ComputePool pool = ComputePool.serial()) {
            o = new DqnSimulation(config).run(pool);
        }
        assertThat(((DqnProof) o.chain().getLast().header().proof()).record().batchSeeds())
                .as("past the 500-transition warm-up a block records gradient steps")
                .isNotEmpty();
        assertThat(o.wins()).hasSize(3);
        assertThat(o.refusedAdversaryBlocks()).isZero();
    }

    /**
     * The search adversary of issue 17: where its one-step search picks another action than its
     * policy would, every node refuses the block (DQN_NOT_POLICY); where the two agree its block is an
     * honest one. So it wins no more than a fair share.
     */
    @Test
    void aLookaheadMinersSearchedBlocksAreRefusedAndItWinsNoMoreThanItsShare() {
        DqnSimConfig config =
                new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 3, 300, 6, 5, 20, 1, false, false, 1);
        DqnSimOutcome o;
        try (ComputePool pool = ComputePool.serial()) {
            o = new DqnSimulation(config).run(pool);
        }
        System.out.printf(
                "lookahead adversary: %.3f of the blocks, %d of %d proposals refused (%s)%n",
                o.lookaheadWinShare(), o.refusedAdversaryBlocks(), o.adversaryBlocks(), o.firstRefusal());
        assertThat(o.lookaheadWinShare()).isLessThanOrEqualTo(1 / 3.0 + 0.05);
        assertThat(o.adversaryBlocks()).isGreaterThanOrEqualTo(300);
        assertThat(o.refusedAdversaryBlocks()).isPositive();
        assertThat(o.firstRefusal().orElseThrow()).startsWith("DQN_NOT_POLICY");
        assertThat(DqnSimReport.json(o, 1.0)).containsEntry("lookaheadMiners", 1);
    }

    private static int minerIndex(Block b) {
        for (int i = 0; i < 3; i++) {
            if (DevAccounts.keys(i).publicKey().equals(b.header().miner())) {
                return i;
            }
        }
        throw new AssertionError("not a dev miner");
    }
}
