package io.learnchain.chain.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Commitment;
import io.learnchain.chain.state.TaskState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoundDriverTest {
    private final PoleFixture f = new PoleFixture();

    @Test
    void roundIsIdleWithoutOpenTaskAndLearningWithOne() {
        ChainTip g = ChainTip.genesis(f.genesis);
        assertThat(RoundDriver.round(g, f.rules)).isEqualTo(new Round.Idle(g.nextDifficulty(f.rules)));
        ChainTip t1 = f.withTask();
        Round.Learning r = f.learning(t1);
        assertThat(r.taskId()).isEqualTo(1);
        assertThat(r.roundKey()).isEqualTo(TaskRules.roundKey(t1.hash(), 1));
        assertThat(r.shardHash()).isEqualTo(PoleFixture.SHARD_HASHES.get(r.shardIndex()));
        assertThat(r.forfeitNotBefore()).isEqualTo(t1.timestamp() + PoleFixture.MAX_PHASE);
        // the round time is max(expected seconds, minimum phase): this task expects 60 s, min phase 0
        assertThat(r.revealNotBefore()).isEqualTo(t1.timestamp() + 60);
    }

    @Test
    void choosesHighestRewardPerSecondThenLowerId() {
        ChainTip g = ChainTip.genesis(f.genesis);
        Block b = f.idle(
                g,
                List.of(
                        f.tx(1, 0, Amount.ZERO, f.task(1, Amount.ofCoins(10), 60, 0)),
                        f.tx(2, 0, Amount.ZERO, f.task(1, Amount.ofCoins(21), 120, 0)),
                        f.tx(0, 0, Amount.ZERO, f.task(1, Amount.ofCoins(7), 40, 0))));
        ChainTip t = f.connect(g, b);
        // 10/60 = 0.1667, 21/120 = 0.175, 7/40 = 0.175: tasks 2 and 3 tie, the lower id wins
        assertThat(RoundDriver.chooseTask(t.state()).map(TaskState::id)).contains(2L);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void chainPicksEveryShardOnceAcrossRounds(long seed) {
        TaskState task = TaskState.posted(1, PoleFixture.address(1), f.task(4, Amount.ofCoins(1), 60, 0), Height.of(1));
        Set<Integer> used = new HashSet<>();
        for (int round = 0; round < 4; round++) {
            Hash previous = Hash.sha256(new byte[] {(byte) seed, (byte) round});
            int shard = RoundDriver.chosenShard(previous, task);
            assertThat(task.isRevealed(shard)).isFalse();
            assertThat(used.add(shard)).isTrue();
            task = task.won(shard, Hash.sha256(new byte[] {(byte) round}), previous);
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(task.isOpen()).isFalse();
        assertThat(task.escrow()).isEqualTo(Amount.ZERO);
    }

    @Test
    void penaltyIsTenPercentRoundedDownWithoutOverflow() {
        assertThat(TaskState.penalty(Amount.ofUnits(1_000))).isEqualTo(Amount.ofUnits(100));
        assertThat(TaskState.penalty(Amount.ofUnits(19))).isEqualTo(Amount.ofUnits(1));
        assertThat(TaskState.penalty(Amount.MAX)).isEqualTo(Amount.ofUnits(Long.MAX_VALUE / 10));
    }

    @Test
    void trainingAccuracyThresholdIsExactInBasisPoints() {
        assertThat(TaskRules.meetsAccuracy(50, 100, 5000)).isTrue();
        assertThat(TaskRules.meetsAccuracy(49, 100, 5000)).isFalse();
        assertThat(TaskRules.meetsAccuracy(0, 100, 0)).isTrue();
    }

    @Test
    void commitmentLogOrdersArrivalsAndMarksLateOnes() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest a = f.honest(t1, PoleFixture.MINER, 1, 20, 1);
        PoleFixture.Honest b = f.honest(t1, PoleFixture.OTHER_MINER, 2, 20, 1);
        RoundCommitments log = new RoundCommitments();
        Commitment ca = Commitment.of(f.rules.chainId(), a.block());
        Commitment cb = Commitment.of(f.rules.chainId(), b.block());
        assertThat(log.record(ca, PoleFixture.proof(a.block()).commitmentSignature()))
                .isTrue();
        assertThat(log.record(cb, PoleFixture.proof(a.block()).commitmentSignature()))
                .isFalse();
        log.reveal(t1.hash());
        assertThat(log.record(cb, PoleFixture.proof(b.block()).commitmentSignature()))
                .isTrue();
        assertThat(log.sighting(ca)).isEqualTo(new RoundCommitments.Sighting.BeforeReveal(0));
        assertThat(log.sighting(cb)).isEqualTo(new RoundCommitments.Sighting.AfterReveal());
        // what the requester lists in its reveal: only the commitment received before it
        assertThat(log.witnessed(t1.hash(), 1))
                .containsExactly(new io.learnchain.chain.tx.WitnessedCommitment(
                        ca.id(), a.model().hash()));
        assertThat(log.witnessed(t1.hash(), 2)).isEmpty();
    }

    @Test
    void commitmentLogForgetsRoundsBelowThePrunedHeightOnly() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest a = f.honest(t1, PoleFixture.MINER, 1, 20, 1);
        RoundCommitments log = new RoundCommitments();
        Commitment ca = Commitment.of(f.rules.chainId(), a.block());
        log.record(ca, PoleFixture.proof(a.block()).commitmentSignature());
        log.reveal(t1.hash());
        long round = ca.height().value();
        assertThat(log.pruneBelow(round)).isZero(); // the round itself is kept
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.sighting(ca)).isEqualTo(new RoundCommitments.Sighting.BeforeReveal(0));

        assertThat(log.pruneBelow(round + 1)).isEqualTo(1);
        assertThat(log.size()).isZero();
        assertThat(log.sighting(ca)).isEqualTo(new RoundCommitments.Sighting.Unknown());
        assertThat(log.witnessed(t1.hash(), 1)).isEmpty();
        // the reveal went too: the same commitment recorded again counts as before a (new) reveal
        log.record(ca, PoleFixture.proof(a.block()).commitmentSignature());
        assertThat(log.sighting(ca)).isInstanceOf(RoundCommitments.Sighting.BeforeReveal.class);
    }

    @Test
    void aFloodOfCommitmentsUnderFreshKeysCannotPushAPreferredMinerOffTheList() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest a = f.honest(t1, PoleFixture.MINER, 1, 20, 1);
        Commitment honest = Commitment.of(f.rules.chainId(), a.block());
        RoundCommitments log = new RoundCommitments();
        int flood = io.learnchain.chain.tx.RevealShard.MAX_WITNESSED + 44;
        for (int i = 0; i < flood; i++) { // sent before the honest miner finished training
            var sybil = io.learnchain.base.crypto.KeyPair.fromSeed(
                    Hash.sha256(new byte[] {9, (byte) i, (byte) (i >> 8)}).toArray());
            Commitment c = new Commitment(
                    honest.chainId(),
                    honest.height(),
                    honest.previous(),
                    honest.taskId(),
                    sybil.publicKey(),
                    Hash.sha256(new byte[] {(byte) i, (byte) (i >> 8)}),
                    honest.recordHash(),
                    honest.bodyRoot());
            assertThat(log.record(c, c.sign(sybil))).isTrue();
        }
        log.record(honest, PoleFixture.proof(a.block()).commitmentSignature());
        var first = log.witnessed(t1.hash(), 1);
        assertThat(first).hasSize(io.learnchain.chain.tx.RevealShard.MAX_WITNESSED);
        assertThat(first).noneMatch(w -> w.id().equals(honest.id())); // first come: the flood fills it
        var preferred = log.witnessed(
                t1.hash(), 1, k -> k.equals(PoleFixture.key(PoleFixture.MINER).publicKey()));
        assertThat(preferred).hasSize(io.learnchain.chain.tx.RevealShard.MAX_WITNESSED);
        assertThat(preferred.getLast().id()).isEqualTo(honest.id()); // listed, in its arrival place
    }
}
