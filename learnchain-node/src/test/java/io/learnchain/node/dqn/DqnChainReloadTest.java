package io.learnchain.node.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.dqn.DqnBlockBuilder;
import io.learnchain.chain.fork.ChainSummary;
import io.learnchain.chain.fork.ForkChoice;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.chain.TestNode;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.InMemoryChainStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node that reopens its store on a dqn chain knows where the environment stands and goes on validating. */
class DqnChainReloadTest {
    static final Genesis GENESIS =
            Genesis.dqnDevnet(4, "cartpole", ForkOption.REWARD_SUM, Amount.ofCoins(10), TestNode.START_SECONDS);

    /** {@code miner}'s honest block on the tip: its public learner's action and record, one slot later. */
    static Block next(ChainService chain, int miner) {
        return next(chain, chain.head().tip(), miner, 1);
    }

    /** {@code miner}'s honest block on {@code tip}, {@code slots} slots after it. */
    static Block next(ChainService chain, ChainTip tip, int miner, long slots) {
        var work = chain.learnerWork(tip.hash(), DevAccounts.keys(miner).publicKey())
                .orElseThrow();
        return DqnBlockBuilder.build(
                tip,
                chain.rules(),
                DevAccounts.keys(miner),
                work.action(),
                work.record(),
                List.of(),
                tip.timestamp() + slots,
                SignatureVerifier.ED25519);
    }

    @Test
    void reopenedNodeRestoresTheEnvironmentAndForkScore() {
        var store = InMemoryChainStore.create(GENESIS.chainId());
        try (TestNode a = new TestNode(GENESIS, store)) {
            for (int i = 0; i < 40; i++) {
                assertThat(a.chain.importBlock(next(a.chain, i % 4))).isInstanceOf(ImportResult.Connected.class);
            }
            ChainService reopened =
                    ChainService.open(GENESIS, store, a.mempool, new EventBus(16), new NodeMetrics(), a.clock);
            assertThat(reopened.head().tip().hash())
                    .isEqualTo(a.chain.head().tip().hash());
            assertThat(reopened.head().tip().dqn())
                    .isPresent()
                    .isEqualTo(a.chain.head().tip().dqn());
            assertThat(reopened.head().tip().state().root())
                    .isEqualTo(a.chain.head().tip().state().root());
            assertThat(reopened.head().summary()).isEqualTo(a.chain.head().summary());
            Block b = next(reopened, 1);
            assertThat(reopened.importBlock(b)).isInstanceOf(ImportResult.Connected.class);
        }
    }

    @Test
    void betterSiblingReorganisesByReward() {
        try (TestNode a = new TestNode(GENESIS, InMemoryChainStore.create(GENESIS.chainId()))) {
            for (int i = 0; i < 10; i++) {
                a.chain.importBlock(next(a.chain, i % 4));
            }
            Block left = next(a.chain, 1);
            Block right = next(a.chain, 2);
            Block first = ForkChoiceOrder.worse(left, right);
            Block better = first == left ? right : left;
            assertThat(a.chain.importBlock(first)).isInstanceOf(ImportResult.Connected.class);
            assertThat(a.chain.importBlock(better)).isInstanceOf(ImportResult.Connected.class);
            assertThat(a.chain.head().hash()).isEqualTo(better.hash());
        }
    }

    /** Orders two sibling blocks by the chain's fork choice. */
    static final class ForkChoiceOrder {
        static Block worse(Block x, Block y) {
            var sx = ChainSummary.genesis(Hash.ZERO).extend(x.hash(), ForkChoice.score(x.header()));
            var sy = ChainSummary.genesis(Hash.ZERO).extend(y.hash(), ForkChoice.score(y.header()));
            return ForkChoice.isBetter(sx, sy) ? y : x;
        }
    }
}
