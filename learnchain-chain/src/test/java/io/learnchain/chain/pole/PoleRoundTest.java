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
        Verdict v = BlockProcessor.apply(t1, h.block(), f.rules, f.context(f.commitmentsOf(h.block())));
        assertThat(v).isInstanceOf(Verdict.Valid.class);
        ChainTip t2 = ((Verdict.Valid) v).tip();
        TaskState task = t2.state().tasks().get(1).orElseThrow();
        assertThat(task.roundsDone()).isEqualTo(1);
        assertThat(task.escrow()).isEqualTo(PoleFixture.REWARD.multiply(2));
        assertThat(task.winners()).containsExactly(h.model().hash());
        assertThat(t2.state().balance(PoleFixture.address(PoleFixture.MINER)))
                .isEqualTo(t1.state()
                        .balance(PoleFixture.address(PoleFixture.MINER))
                        .add(f.rules.blockSubsidy())
                        .add(PoleFixture.REWARD));
        assertThat(t2.state().account(PoleFixture.address(PoleFixture.MINER)).reputation())
                .isEqualTo(1);
        assertThat(task.status()).isEqualTo(TaskStatus.OPEN);
    }

    @Test
    void rejectsScoreClaimOffByOne() {
        ChainTip t1 = f.withTask();
        PoleFixture.Honest h = f.honest(t1, PoleFixture.MINER, 1, 120, 1);
        var p = PoleFixture.proof(h.block());
        Block up = PoleFixture.withProof(h.block(), p.withClaimedScore(p.claimedScore() + 1), PoleFixture.MINER);
        Verdict v = BlockProcessor.apply(t1, up, f.rules, f.context(f.commitmentsOf(up)));
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
