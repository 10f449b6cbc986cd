package io.learnchain.chain.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.TaskStatus;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.chain.work.HeldRewards;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoleRoundTest {
    private final PoleFixture f = new PoleFixture();

    @Test
    void honestBlockConnectsAndPaysSubsidyPlusRoundReward() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, PoleFixture.MINER, 1, 120, 1);
        System.out.printf(
                "honest score %d of %d%n",
                PoleFixture.proof(h.block()).claimedScore(),
                PoleFixture.SHARDS.getFirst().count());
        Verdict v = BlockProcessor.apply(t1, h.block(), f.rules, f.context());
        assertThat(v).isInstanceOf(Verdict.Valid.class);
        ChainTip t2 = ((Verdict.Valid) v).tip();
        TaskState task = t2.state().tasks().get(1).orElseThrow();
        assertThat(task.roundsDone()).isEqualTo(1);
        assertThat(task.escrow()).isEqualTo(PoleFixture.REWARD.multiply(2));
        assertThat(task.winners()).containsExactly(h.model().hash());
        // the payout (subsidy + round reward) is held for the fraud window, then credited
        Amount before = t1.state().balance(PoleFixture.address(PoleFixture.MINER));
        assertThat(t2.state().balance(PoleFixture.address(PoleFixture.MINER))).isEqualTo(before);
        assertThat(task.held()).singleElement().satisfies(e -> {
            assertThat(e.amount()).isEqualTo(f.rules.blockSubsidy().add(PoleFixture.REWARD));
            assertThat(e.reward()).isEqualTo(PoleFixture.REWARD);
        });
        ChainTip tip = t2;
        int hold = HeldRewards.HOLD_BLOCKS;
        for (int i = 0; i < hold - 1; i++) {
            tip = f.connect(tip, next(tip));
        }
        Amount subsidies = f.rules.blockSubsidy().multiply(hold - 1); // the next blocks are the miner's too
        assertThat(tip.state().balance(PoleFixture.address(PoleFixture.MINER)))
                .as("one block before the window ends")
                .isEqualTo(before.add(subsidies));
        tip = f.connect(tip, next(tip));
        assertThat(tip.state().balance(PoleFixture.address(PoleFixture.MINER)))
                .as("the block the window ends at")
                .isEqualTo(before.add(subsidies)
                        .add(f.rules.blockSubsidy())
                        .add(f.rules.blockSubsidy())
                        .add(PoleFixture.REWARD));
        assertThat(tip.state().tasks().get(1).orElseThrow().held()).isEmpty();
        assertThat(t2.state().account(PoleFixture.address(PoleFixture.MINER)).reputation())
                .isEqualTo(1);
        assertThat(task.status()).isEqualTo(TaskStatus.OPEN);
    }

    /** The next block the miner can make on {@code tip}: a forfeit while the task is open, else an idle one. */
    private Block next(ChainTip tip) {
        return RoundDriver.round(tip, f.rules) instanceof Round.Learning
                ? f.forfeit(tip, List.of())
                : f.idle(tip, List.of());
    }

    @Test
    void rejectsScoreClaimOffByOne() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, PoleFixture.MINER, 1, 120, 1);
        var p = PoleFixture.proof(h.block());
        Block up = PoleFixture.withProof(h.block(), p.withClaimedScore(p.claimedScore() + 1), PoleFixture.MINER);
        Verdict v = BlockProcessor.apply(t1, up, f.rules, f.context());
        assertThat(v)
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class, i -> assertThat(i.reason()).isEqualTo(InvalidReason.FALSE_SCORE_CLAIM));
    }

    @Test
    void idleBlockWhileTaskOpenIsRejected() {
        ChainTip t1 = f.withTask();
        Block idle = f.idle(t1, List.of());
        assertThat(BlockProcessor.apply(t1, idle, f.rules, f.syncContext))
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class, i -> assertThat(i.reason()).isEqualTo(InvalidReason.WRONG_ROUND_TASK));
        assertThat(Amount.ZERO).isNotNull();
    }
}
