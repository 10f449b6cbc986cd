package io.learnchain.chain.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.fork.ChainSummary;
import io.learnchain.chain.fork.ForkChoice;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.rules.ChainTip;
import java.util.List;
import org.junit.jupiter.api.Test;

class DqnForkChoiceTest {

    @Test
    void optionAPrefersHigherLastRewardOptionBHigherSum() {
        for (ForkOption option : ForkOption.values()) {
            DqnFixture f = new DqnFixture("cartpole", option);
            List<List<Block>> forks = DqnVectors.divergingForks(f);
            List<Block> x = forks.get(0);
            List<Block> y = forks.get(1);
            ChainSummary sx = summary(f, x);
            ChainSummary sy = summary(f, y);
            assertThat(sx.height()).isEqualTo(sy.height());
            long lastX = reward(x.getLast());
            long lastY = reward(y.getLast());
            long sumX = x.stream().mapToLong(DqnForkChoiceTest::reward).sum();
            long sumY = y.stream().mapToLong(DqnForkChoiceTest::reward).sum();
            assertThat(lastX).isGreaterThan(lastY);
            assertThat(sumY).isGreaterThan(sumX);
            boolean xWins = ForkChoice.isBetter(sx, sy);
            assertThat(xWins).as("option %s", option.letter()).isEqualTo(option == ForkOption.LAST_REWARD);
        }
    }

    @Test
    void longerChainWinsWhateverTheRewards() {
        DqnFixture f = new DqnFixture("cartpole", ForkOption.REWARD_SUM);
        List<Block> chain = f.chain(6);
        assertThat(ForkChoice.isBetter(summary(f, chain), summary(f, chain.subList(0, 5))))
                .isTrue();
    }

    static long reward(Block b) {
        return ((DqnProof) b.header().proof()).reward();
    }

    static ChainSummary summary(DqnFixture f, List<Block> blocks) {
        ChainSummary s = ChainSummary.genesis(f.genesis.chainId());
        ChainTip tip = f.genesisTip();
        for (Block b : blocks) {
            tip = f.connect(tip, b);
            s = s.extend(b.hash(), ForkChoice.score(b.header()));
        }
        return s;
    }
}
