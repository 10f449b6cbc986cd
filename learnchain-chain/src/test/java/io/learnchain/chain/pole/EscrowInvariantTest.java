package io.learnchain.chain.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random chains of task posts, won rounds, forfeits, closes and cancels. After every block:
 * balances + escrow + held payouts + burned = premine + minted subsidies (no coin created or lost), no shard of a
 * task is revealed twice, and a finished task holds no escrow.
 */
class EscrowInvariantTest {
    private final PoleFixture f = new PoleFixture();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void escrowIsConservedAcrossRandomRounds(long seed) {
        System.out.println("seed " + seed);
        SplitMix64 rng = new SplitMix64(seed);
        ChainTip tip = ChainTip.genesis(f.genesis);
        Amount premine = tip.state().totalSupply();
        Set<String> revealed = new HashSet<>();
        int won = 0;
        int forfeited = 0;
        for (int h = 1; h <= 24; h++) {
            Block block = switch (RoundDriver.round(tip, f.rules)) {
                case Round.Idle i -> idleBlock(tip, rng);
                case Round.Learning l -> rng.nextInt(10) < 6 ? poleBlock(tip, l, rng) : forfeitBlock(tip, l, rng);
            };
            if (RoundDriver.round(tip, f.rules) instanceof Round.Learning l
                    && block.transactions().getLast() instanceof SignedTransaction s
                    && s.body().payload() instanceof RevealShard r) {
                assertThat(revealed.add(l.taskId() + "/" + r.shardIndex()))
                        .as("shard reused")
                        .isTrue();
                won++;
            } else if (block.header().proof() instanceof ForfeitProof) {
                forfeited++;
            }
            tip = f.connect(tip, block);
            WorldState s = tip.state();
            Amount minted = f.rules.blockSubsidy().multiply(h);
            assertThat(s.totalSupply().add(s.totalEscrow()).add(s.totalHeld()).add(s.totalBurned()))
                    .as("height %d", h)
                    .isEqualTo(premine.add(minted));
            for (TaskState t : s.tasks().all()) {
                if (!t.isOpen()) {
                    assertThat(t.escrow()).isEqualTo(Amount.ZERO);
                }
            }
        }
        System.out.printf(
                "24 blocks: %d tasks, %d rounds won, %d forfeited, %s burned%n",
                tip.state().tasks().all().size(), won, forfeited, tip.state().totalBurned());
        assertThat(won + forfeited).isPositive();
    }

    private Block idleBlock(ChainTip tip, SplitMix64 rng) {
        List<SignedTransaction> txs = new ArrayList<>();
        if (rng.nextInt(3) < 2) {
            int requester = rng.nextInt(3);
            long nonce = tip.state().account(PoleFixture.address(requester)).nonce();
            PostTask task = new PostTask(
                    PoleFixture.SPEC.text(),
                    PoleFixture.TRAIN_HASH,
                    0,
                    1 + rng.nextInt(3),
                    Amount.ofUnits(1 + rng.nextLong(1_000_000_000L)),
                    1 + rng.nextLong(100),
                    0,
                    PoleFixture.MAX_PHASE,
                    PoleFixture.SHARD_HASHES);
            txs.add(f.tx(requester, nonce, Amount.ZERO, task));
        }
        return f.idle(tip, txs);
    }

    private Block poleBlock(ChainTip tip, Round.Learning round, SplitMix64 rng) {
        long nonce = rng.nextLong(1000);
        TrainingRecord rec = PoleFixture.record(tip, PoleFixture.MINER, nonce, 10, new TrainingStart.FromSeed(nonce));
        Model m = f.train(tip, rec, null);
        int requester = requesterIndex(round.task());
        long next = tip.state().account(PoleFixture.address(requester)).nonce();
        List<SignedTransaction> txs = new ArrayList<>();
        boolean openAfterRound =
                round.task().roundsDone() + 1 < round.task().terms().rounds();
        if (rng.nextInt(4) == 0 && openAfterRound) {
            txs.add(f.cancel(requester, next++, round.taskId()));
        }
        SignedTransaction reveal = f.tx(
                requester,
                next,
                Amount.ZERO,
                new RevealShard(round.taskId(), tip.hash(), round.shardIndex(), round.shardHash(), List.of()));
        return f.complete(
                f.commit(tip, PoleFixture.MINER, m.hash(), rec, nonce, txs),
                reveal,
                f.score(tip, m),
                PoleFixture.MINER);
    }

    private Block forfeitBlock(ChainTip tip, Round.Learning round, SplitMix64 rng) {
        List<SignedTransaction> txs = new ArrayList<>();
        if (rng.nextInt(3) == 0) {
            int requester = requesterIndex(round.task());
            txs.add(f.cancel(
                    requester,
                    tip.state().account(PoleFixture.address(requester)).nonce(),
                    round.taskId()));
        }
        return f.forfeit(tip, txs);
    }

    private static int requesterIndex(TaskState task) {
        for (int i = 0; i < ChainFixture.KEYS.length; i++) {
            if (PoleFixture.address(i).equals(task.requester())) {
                return i;
            }
        }
        throw new AssertionError("unknown requester " + task.requester());
    }
}
