package io.learnchain.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.dqn.DqnAudit;
import java.util.ArrayList;
import java.util.List;
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
        DqnSimConfig full =
                new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 4, 700, 1, 2, 20, 1, false, false, false, 0);
        DqnSimConfig early =
                new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 4, 700, 1, 2, 20, 1, false, true, false, 0);
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

    @Test
    void anAuditorGivenEachSeedReplaysEveryRecordAndAction() {
        DqnSimConfig config =
                new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 3, 700, 2, 5, 20, 1, false, false, true, 0);
        DqnSimOutcome o;
        try (ComputePool pool = ComputePool.serial()) {
            o = new DqnSimulation(config).run(pool);
            assertThat(o.audits()).hasSize(3).allMatch(DqnAudit.Result::passed);
            assertThat(o.audits().stream()
                            .mapToLong(DqnAudit.Result::checkedBlocks)
                            .sum())
                    .isEqualTo(o.chain().size());
            // blocks past the warm-up (500 transitions) carry batch seeds the auditor had to reproduce
            assertThat(((DqnProof) o.chain().getLast().header().proof())
                            .record()
                            .batchSeeds())
                    .isNotEmpty();

            DqnParameters params = o.genesis().dqn().orElseThrow();
            Block first = o.chain().getFirst();
            int miner = minerIndex(first);
            DqnAudit.Result wrongSeed =
                    DqnAudit.replay(params, o.chain(), first.header().miner(), 12345L, pool);
            assertThat(wrongSeed.passed()).isFalse();
            assertThat(wrongSeed.firstMismatch().orElseThrow()).startsWith("block 1: the training record");

            Block last = o.chain().getLast();
            DqnProof p = (DqnProof) last.header().proof();
            DqnProof searched = new DqnProof(
                    1 - p.action(),
                    p.reward(),
                    p.unshapedReward(),
                    p.terminal(),
                    p.done(),
                    p.next(),
                    p.forkScore(),
                    p.record());
            List<Block> tampered = new ArrayList<>(o.chain());
            tampered.set(tampered.size() - 1, new Block(last.header().withProof(searched), last.transactions()));
            DqnAudit.Result audit = DqnAudit.replay(
                    params,
                    tampered,
                    last.header().miner(),
                    SplitMix64.derive(2, 100 + minerIndex(last)).nextLong(),
                    pool);
            assertThat(audit.firstMismatch().orElseThrow())
                    .isEqualTo("block " + last.header().height() + ": action " + (1 - p.action())
                            + " is not the learner's choice " + p.action());
            assertThat(miner).isBetween(0, 2);
        }
        assertThat(DqnSimReport.json(o, 1.0).get("audit").toString()).contains("passed=true");
    }

    @Test
    void aLookaheadMinerWinsByFindingTheBestRewardAndTheAuditExposesIt() {
        DqnSimConfig config =
                new DqnSimConfig("cartpole", ForkOption.LAST_REWARD, 3, 300, 6, 5, 20, 1, false, false, true, 1);
        DqnSimOutcome o;
        try (ComputePool pool = ComputePool.serial()) {
            o = new DqnSimulation(config).run(pool);
        }
        System.out.printf("lookahead adversary: %.3f of the blocks, audits %s%n", o.lookaheadWinShare(), o.audits());
        // best of the shaped reward wins every height it is not tied; honest miners tie it now and then
        assertThat(o.lookaheadWinShare()).isGreaterThan(0.45); // a fair share is 1/3
        assertThat(o.audits().get(0).passed()).isTrue();
        assertThat(o.audits().get(1).passed()).isTrue();
        assertThat(o.audits().get(2).firstMismatch().orElseThrow()).contains("is not the learner's choice");
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
