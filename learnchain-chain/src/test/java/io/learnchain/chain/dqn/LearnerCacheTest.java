package io.learnchain.chain.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.DqnLearners;
import io.learnchain.learn.compute.ComputePool;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LearnerCacheTest {

    /**
     * Eight proposers against a cache of four states: each still advances by one block per height,
     * because each key's highest state is kept apart from the LRU. Without that, every lookup would
     * rebuild its learner from genesis (8 x (1 + 2 + ... + 60) = 14,640 blocks of training).
     */
    @Test
    void manyProposersDoNotPushEachOtherBackToGenesis() {
        DqnFixture f = new DqnFixture("cartpole", ForkOption.LAST_REWARD);
        LearnerCache small =
                new LearnerCache(f.genesis.dqn().orElseThrow(), f.genesis.chainId(), ComputePool.serial(), 4);
        DqnLearners view = small.over(h -> Optional.ofNullable(f.headers.get(h)));
        ChainTip tip = f.genesisTip();
        for (int h = 0; h < 60; h++) {
            for (int k = 0; k < 8; k++) {
                KeyPair key = DevAccounts.keys(k);
                assertThat(view.work(tip.hash(), key.publicKey())).isPresent();
            }
            Block b = f.block(tip, h % 4, List.of());
            tip = f.connect(tip, b);
        }
        assertThat(small.advancedBlocks()).isLessThanOrEqualTo(8 * 60);
        // and what it gives is what a cache that holds everything gives
        assertThat(view.work(tip.hash(), DevAccounts.keys(7).publicKey()))
                .isEqualTo(f.learners
                        .over(h -> Optional.ofNullable(f.headers.get(h)))
                        .work(tip.hash(), DevAccounts.keys(7).publicKey()));
    }
}
