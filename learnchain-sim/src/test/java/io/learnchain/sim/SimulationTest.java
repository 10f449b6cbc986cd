package io.learnchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Address;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.state.TaskStatus;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.data.TrainTestData;
import io.learnchain.node.event.PoleEvent;
import java.util.List;
import java.util.Map;
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
            assertThat(rows.stream().filter(r -> r.kind().equals("pole")).count())
                    .isEqualTo(2);
            assertThat(rows)
                    .filteredOn(r -> r.kind().equals("pole"))
                    .allSatisfy(r -> assertThat(r.verifiedScore()).isEqualTo(r.claimedScore()));
            // a fresh node on RocksDB syncs the chain to the same tip, at the default level and replaying
            for (var level : List.of(
                    io.learnchain.node.chain.VerifyLevel.SEGMENTS, io.learnchain.node.chain.VerifyLevel.REPLAY)) {
                Map<String, Object> synced = SyncedNode.sync(o, level, pool);
                assertThat(synced)
                        .as(level.name())
                        .containsEntry("reachedTip", true)
                        .containsEntry("poleBlocks", 2)
                        .containsEntry(
                                "blocks",
                                o.nodes().getFirst().chain().head().height().value());
            }
            SimOutcome.Compute c = o.compute();
            System.out.println("cpu " + c + ", energyRecycled " + o.energyRecycled() + ", verificationShare "
                    + o.verificationShare());
            assertThat(c.winnerTraining()).isPositive();
            assertThat(c.otherTraining()).isPositive(); // the losing miners trained too
            assertThat(c.verification()).isPositive();
            assertThat(c.audits()).isPositive(); // node 0 replayed both won rounds
            // tiny models: fixed verification costs weigh more than on real tasks (docs/benchmarks.md)
            assertThat(o.energyRecycled()).isGreaterThan(0.0).isLessThan(o.trainingShare());
            assertThat(o.trainingShare()).isLessThan(1.0);
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
            List<SimOutcome.RoundRow> pole =
                    rows.stream().filter(r -> r.kind().equals("pole")).toList();
            assertThat(pole).hasSize(2).allSatisfy(r -> {
                assertThat(r.verifiedScore()).isEqualTo(r.claimedScore());
                assertThat(r.candidates()).isGreaterThanOrEqualTo(50);
                assertThat(r.evaluations()).isLessThanOrEqualTo(2); // k + 1 with one lying source
            });
            assertThat(o.rejections()).containsOnlyKeys("FALSE_SCORE_CLAIM");
            Map<String, Object> r = report(o, pool);
            assertThat(r)
                    .containsEntry("candidates", 100)
                    .containsEntry("roundsWon", 0L)
                    .containsEntry("penalisedRounds", 2);
            assertThat(r.get("rejectedAtNode0")).isEqualTo(Map.of("FALSE_SCORE_CLAIM", 2)); // the rest dropped
            assertThat(r.get("verdicts"))
                    .isEqualTo(Map.of(
                            "FALSE_SCORE_CLAIM",
                            AdversaryReport.MAX_JUDGED,
                            "NOT_JUDGED",
                            100 - AdversaryReport.MAX_JUDGED));
        }
    }

    @Test
    void silentRequesterIsForfeitedTwiceAndTheChainGoesOn() {
        SimOutcome o = run(5, 1, List.of(Adversary.SILENT_REQUESTER));
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> rows = o.rows(pool);
            assertThat(o.converged()).isTrue();
            assertThat(rows).extracting(SimOutcome.RoundRow::kind).containsExactly("idle", "forfeit", "forfeit");
            var task = o.nodes()
                    .getFirst()
                    .chain()
                    .head()
                    .tip()
                    .state()
                    .tasks()
                    .get(1)
                    .orElseThrow();
            assertThat(task.status()).isNotEqualTo(TaskStatus.OPEN);
            assertThat(task.burned())
                    .isEqualTo(Simulation.REWARD.add(Simulation.REWARD)); // both rounds' rewards burned
            Map<String, Object> r = report(o, pool);
            assertThat(r)
                    .containsEntry("kind", "silent-requester")
                    .containsEntry("node", "node0")
                    .containsEntry("reveals", 0)
                    .containsEntry("forfeits", 2)
                    .containsEntry("burnedCoins", 20.0);
            assertThat(o.reverifies(pool)).isTrue();
        }
    }

    @Test
    void preminedModelScoresNearChanceAndNeverWins() {
        SimOutcome o = run(7, 1, List.of(Adversary.PREMINED));
        String adversary = Address.of(DevAccounts.keys(2).publicKey()).toString();
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> pole =
                    o.rows(pool).stream().filter(r -> r.kind().equals("pole")).toList();
            assertThat(o.converged()).isTrue();
            assertThat(pole).hasSize(2).allSatisfy(r -> assertThat(r.winner()).isNotEqualTo(adversary));
            List<Long> preminedClaims = o.events().stream()
                    .filter(e ->
                            e instanceof PoleEvent.CandidateSent c && c.node().equals("node2"))
                    .map(e -> ((PoleEvent.CandidateSent) e).claimedScore())
                    .toList();
            System.out.println("premined claims " + preminedClaims + " (shards of "
                    + pole.getFirst().shardSize() + ")");
            assertThat(preminedClaims)
                    .hasSize(2)
                    .allSatisfy(score ->
                            assertThat(score).isLessThan(pole.getFirst().shardSize() * 3L / 10));
        }
    }

    /** The adversary's line of the report (the only adversary of the run). */
    static Map<String, Object> report(SimOutcome o, ComputePool pool) {
        List<Map<String, Object>> entries = AdversaryReport.of(o, o.replay(pool), pool);
        System.out.println("adversary report " + entries);
        assertThat(entries).hasSize(1);
        return entries.getFirst();
    }

    /** Both rounds are learned blocks that re-verify, none won by the adversary on node 2, all nodes agree. */
    static List<SimOutcome.RoundRow> assertHonestBlocksWin(SimOutcome o, ComputePool pool) {
        List<SimOutcome.RoundRow> pole = assertRoundsComplete(o, pool);
        String adversary = Address.of(DevAccounts.keys(2).publicKey()).toString();
        assertThat(pole).allSatisfy(r -> assertThat(r.winner()).isNotEqualTo(adversary));
        return pole;
    }

    /** Both rounds are learned blocks with true claims that re-verify, no forfeit, all nodes agree. */
    static List<SimOutcome.RoundRow> assertRoundsComplete(SimOutcome o, ComputePool pool) {
        List<SimOutcome.RoundRow> rows = o.rows(pool);
        rows.forEach(System.out::println);
        assertThat(o.converged()).isTrue();
        assertThat(o.reverifies(pool)).isTrue();
        List<SimOutcome.RoundRow> pole =
                rows.stream().filter(r -> r.kind().equals("pole")).toList();
        assertThat(pole)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.verifiedScore()).isEqualTo(r.claimedScore()));
        assertThat(rows).noneMatch(r -> r.kind().equals("forfeit"));
        return pole;
    }

    @Test
    void copiedModelNeverWinsAndEveryCopyIsJudgedCopied() {
        SimOutcome o = run(7, 1, List.of(Adversary.COPY_MODEL));
        try (ComputePool pool = ComputePool.serial()) {
            assertHonestBlocksWin(o, pool);
            Map<String, Object> r = report(o, pool);
            assertThat(r)
                    .containsEntry("kind", "copy-model")
                    .containsEntry("roundsWon", 0L)
                    .containsEntry("commitments", 2)
                    .containsEntry("candidates", 2);
            // ranked behind the original (same claim, later commitment): never evaluated, and judged a copy
            assertThat(r.get("verdicts")).isEqualTo(Map.of("COPIED_MODEL", 2));
            assertThat((double) r.get("trainingCpuSeconds")).isZero();
        }
    }

    @Test
    void staleModelIsRejectedAsStaleAndTheRoundStillCompletes() {
        SimOutcome o = run(7, 1, List.of(Adversary.STALE_MODEL));
        try (ComputePool pool = ComputePool.serial()) {
            assertHonestBlocksWin(o, pool);
            Map<String, Object> r = report(o, pool);
            // round 1 has no winner to replay; round 2 replays round 1's model with round 1's claim
            assertThat(r)
                    .containsEntry("roundsWon", 0L)
                    .containsEntry("commitments", 1)
                    .containsEntry("candidates", 1);
            assertThat(r.get("verdicts")).isEqualTo(Map.of("STALE_MODEL", 1));
        }
    }

    @Test
    void commitmentAfterTheRevealIsRejectedThoughItsShardTunedModelScoresHigher() {
        SimOutcome o = run(7, 1, List.of(Adversary.LATE_COMMIT));
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> pole = assertHonestBlocksWin(o, pool);
            Map<String, Object> r = report(o, pool);
            assertThat(r).containsEntry("roundsWon", 0L).containsEntry("candidates", 2);
            // the requester's reveal, signed before the commitment, does not list it: a chain fact
            assertThat(r.get("verdicts")).isEqualTo(Map.of("NO_COMMITMENT", 2));
            assertThat(r.get("rejectedAtNode0")).isEqualTo(Map.of("NO_COMMITMENT", 2));
            assertThat((int) r.get("penalisedRounds")).isEqualTo(2);
            List<Long> lateClaims = o.events().stream()
                    .filter(e ->
                            e instanceof PoleEvent.CandidateSent c && c.node().equals("node2"))
                    .map(e -> ((PoleEvent.CandidateSent) e).claimedScore())
                    .toList();
            for (int i = 0; i < 2; i++) {
                assertThat(lateClaims.get(i)).isGreaterThan(pole.get(i).claimedScore()); // tuned on the test shard
            }
        }
    }

    @Test
    void aCopyOfTheWinnerOfferedBesideItIsRejectedByTheRevealsListAtEveryNodeAndAtSync() {
        SimOutcome o = run(7, 1, List.of(Adversary.SYNC_COPY));
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> pole = assertHonestBlocksWin(o, pool);
            Map<String, Object> r = report(o, pool);
            // one copy a round, of the first candidate it saw, never committed before the reveal
            assertThat(r)
                    .containsEntry("roundsWon", 0L)
                    .containsEntry("commitments", 0)
                    .containsEntry("candidates", 2);
            // judged on chain data alone, as a node syncing from genesis judges it
            assertThat(r.get("verdicts")).isEqualTo(Map.of("NO_COMMITMENT", 2));
            assertThat((double) r.get("trainingCpuSeconds")).isZero();
            // the copies claim what the winners verified: only the reveal's list separates them
            @SuppressWarnings("unchecked")
            List<Long> claims = (List<Long>) r.get("claims");
            assertThat(claims).hasSize(2);
            assertThat(pole.stream().map(SimOutcome.RoundRow::claimedScore).toList())
                    .containsAnyElementsOf(claims);
        }
    }

    @Test
    void forgedRevealsAreIgnoredAndTheRequesterRevealsEveryRound() {
        SimOutcome o = run(7, 1, List.of(Adversary.BAD_SHARD));
        try (ComputePool pool = ComputePool.serial()) {
            assertRoundsComplete(o, pool); // it mines honestly otherwise, so it may win
            Map<String, Object> r = report(o, pool);
            assertThat((int) r.get("reveals")).isGreaterThanOrEqualTo(2); // one forged reveal per round at least
            assertThat(o.events())
                    .filteredOn(e -> e instanceof PoleEvent.Revealed)
                    .allSatisfy(e -> assertThat(e.node()).isEqualTo("node0"));
            var task = o.nodes()
                    .getFirst()
                    .chain()
                    .head()
                    .tip()
                    .state()
                    .tasks()
                    .get(1)
                    .orElseThrow();
            assertThat(task.forfeits()).isZero();
            assertThat(task.status()).isEqualTo(TaskStatus.FINISHED);
        }
    }

    @Test
    void candidateWithoutItsModelIsNeverEvaluatedNorConnected() {
        SimOutcome o = run(7, 1, List.of(Adversary.WITHHOLD_MODEL));
        try (ComputePool pool = ComputePool.serial()) {
            List<SimOutcome.RoundRow> pole = assertHonestBlocksWin(o, pool);
            assertThat(pole)
                    .allSatisfy(row -> assertThat(row.evaluations()).isEqualTo(1)); // the bare claim cost nothing
            Map<String, Object> r = report(o, pool);
            assertThat(r).containsEntry("roundsWon", 0L).containsEntry("candidates", 2);
            assertThat(r.get("rejectedAtNode0")).isEqualTo(Map.of("MODEL_HASH_MISMATCH", 2));
            assertThat(r.get("verdicts")).isEqualTo(Map.of("UNDECIDED_MISSING_DATA", 2));
        }
    }

    @Test
    void reKeyedModelsWithoutTheirWorkFailTheWorkCheckAtEveryNode() {
        for (Adversary kind : List.of(Adversary.LAZY_REKEY, Adversary.PREMINED_REKEY, Adversary.PARTIAL_WORK_90)) {
            SimOutcome o = run(7, 1, List.of(kind));
            try (ComputePool pool = ComputePool.serial()) {
                assertHonestBlocksWin(o, pool);
                Map<String, Object> r = report(o, pool);
                assertThat(r).containsEntry("roundsWon", 0L);
                // lazy-rekey sits out round 1 (no winner to re-key); the others send a candidate a round
                @SuppressWarnings("unchecked")
                Map<String, Integer> verdicts = (Map<String, Integer>) r.get("verdicts");
                assertThat(verdicts).as(kind.flag()).containsOnlyKeys("WORK_SEGMENT_MISMATCH");
                assertThat(verdicts.get("WORK_SEGMENT_MISMATCH"))
                        .as(kind.flag())
                        .isEqualTo(kind == Adversary.LAZY_REKEY ? 1 : 2);
            }
        }
    }

    @Test
    void oneJumpPassesTheSampleButEveryRoundItWinsIsRefutedByTheRequestersReplay() {
        // seed 9: the one-jump miner wins both rounds (its substitute is a head start), the sampled
        // segments never hit its jump, and node 0 (the requester) replays both and proves the fraud
        SimOutcome o = runWithSeed(9, List.of(Adversary.ONE_JUMP));
        try (ComputePool pool = ComputePool.serial()) {
            Map<String, Object> r = report(o, pool);
            assertThat(r.get("verdicts")).isEqualTo(Map.of("VALID", 2));
            assertThat(r).containsEntry("roundsWon", 2L).containsEntry("payoutsRefuted", 2L);
            assertThat(r).containsEntry("payoutsStillHeld", 0L);
            long falseFound = o.events().stream()
                    .filter(e -> e instanceof PoleEvent.Audited a && a.node().equals("node0") && a.falseSegment() >= 0)
                    .count();
            assertThat(falseFound).isEqualTo(2);
            // its balance holds only the subsidies of the idle blocks it sealed: no round's payout
            var chain = o.nodes().getFirst().chain();
            long idleMined = 0;
            for (long h = 1; h <= chain.head().height().value(); h++) {
                var header = chain.blockAt(io.learnchain.base.Height.of(h))
                        .orElseThrow()
                        .header();
                if (!(header.proof() instanceof io.learnchain.chain.block.PoleProof)
                        && header.miner().equals(DevAccounts.keys(2).publicKey())) {
                    idleMined++;
                }
            }
            assertThat((double) r.get("coinsEarned")).isEqualTo(50.0 * idleMined);
        }
    }

    @Test
    void anHonestWinnerIsAuditedAndPaid() {
        SimOutcome o = run(7, 1, List.of());
        long clean = o.events().stream()
                .filter(e -> e instanceof PoleEvent.Audited a && a.falseSegment() == -1)
                .count();
        assertThat(clean).isEqualTo(2); // node 0 replayed both won rounds; nothing false, nothing sent
        assertThat(o.nodes().getFirst().chain().head().tip().state().totalHeld().units())
                .isZero();
    }

    @Test
    void anInstantCommitmentDoesNotPullTheRevealBeforeHonestMinersFinish() {
        SimOutcome o = run(7, 1, List.of(Adversary.INSTANT_COMMIT));
        try (ComputePool pool = ComputePool.serial()) {
            assertHonestBlocksWin(o, pool); // no forfeit: the honest commitments were in time
            Map<String, Object> r = report(o, pool);
            assertThat(r.get("verdicts")).isEqualTo(Map.of("WORK_SEGMENT_MISMATCH", 1));
        }
    }

    static SimOutcome runWithSeed(long seed, List<Adversary> adversaries) {
        return run(seed, 1, adversaries);
    }
}
