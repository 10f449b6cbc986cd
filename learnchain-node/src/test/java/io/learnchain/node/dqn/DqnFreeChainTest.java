package io.learnchain.node.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.rl.DqnTrainingRecord;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.chain.TestNode;
import io.learnchain.node.storage.InMemoryChainStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The free-chain attack of issue 17 against a node: thousands of blocks built at once cannot
 * replace a chain whose miners filled every slot. Before the slot rule, 3,000 blocks with all-zero
 * training records, every one stamped with the genesis time, were valid and won by height.
 */
class DqnFreeChainTest {
    static final Genesis GENESIS =
            Genesis.dqnDevnet(4, "cartpole", ForkOption.LAST_REWARD, Amount.ofCoins(10), TestNode.START_SECONDS);

    private static final DqnTrainingRecord ZERO = new DqnTrainingRecord(Hash.ZERO, Hash.ZERO, Hash.ZERO, 0, List.of());

    @Test
    void threeThousandBlocksStampedAtGenesisAreRefused() {
        try (TestNode node = new TestNode(GENESIS, InMemoryChainStore.create(GENESIS.chainId()))) {
            honestChain(node, 100, 1);
            Hash head = node.chain.head().hash();
            // the attacker's chain, built the way the review built it: zero records, genesis time
            ChainTip tip = ChainTip.genesis(GENESIS);
            List<Block> attack = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                Block b = zeroed(
                        io.learnchain.chain.dqn.DqnBlockBuilder.build(
                                tip,
                                node.chain.rules(),
                                DevAccounts.keys(3),
                                0,
                                ZERO,
                                List.of(),
                                tip.timestamp(),
                                io.learnchain.chain.rules.SignatureVerifier.ED25519),
                        GENESIS.timestamp());
                attack.add(b);
                tip = tip.child(b.header(), tip.state());
            }
            // a side block is checked in full once its branch would become the better chain: here at
            // height 101, when the switch replays the branch and the slot rule refuses its first block
            List<ImportResult> results =
                    attack.stream().map(node.chain::importBlock).toList();
            List<String> refusals = results.stream()
                    .filter(r -> r instanceof ImportResult.Rejected)
                    .map(r -> ((ImportResult.Rejected) r).reason() + " " + ((ImportResult.Rejected) r).detail())
                    .toList();
            assertThat(refusals).isNotEmpty();
            assertThat(refusals.getFirst()).contains("DQN_EARLY_SLOT");
            assertThat(node.chain.head().hash()).isEqualTo(head);
        }
    }

    /**
     * An attacker that obeys every rule, its own learner's actions one slot apart, can build a branch
     * only as long as the slots since the fork allow: as long as the honest chain, never longer. A
     * deep branch of equal height never replaces the tip, however its last block scores.
     */
    @Test
    void aRuleAbidingBranchOfEqualLengthDoesNotReplaceTheChain() {
        try (TestNode node = new TestNode(GENESIS, InMemoryChainStore.create(GENESIS.chainId()))) {
            honestChain(node, 60, 1);
            Hash head = node.chain.head().hash();
            // fork at every depth from 58 down until a branch's last block outscores the honest tip:
            // the order of PROTOCOL 3.5 alone would switch to it; the sibling rule keeps the chain
            boolean outscored = false;
            for (long fork = 2; fork < 58 && !outscored; fork++) {
                ChainTip tip = node.chain
                        .blockAt(io.learnchain.base.Height.of(fork))
                        .map(blk -> tipOf(node, blk))
                        .orElseThrow();
                ImportResult last = null;
                while (tip.height().value() < 60) {
                    Block b = DqnChainReloadTest.next(node.chain, tip, 3, 1);
                    last = node.chain.importBlock(b);
                    tip = tip.child(b.header(), tip.state());
                }
                assertThat(last).isInstanceOf(ImportResult.SideChain.class);
                outscored = ((ImportResult.SideChain) last).why().contains("only a longer branch replaces");
            }
            assertThat(outscored)
                    .as("some equal-height branch outscored the tip")
                    .isTrue();
            assertThat(node.chain.head().hash()).isEqualTo(head);
        }
    }

    /** A tip at a stored block, with the head's state (these branches are refused before any state is applied). */
    private static ChainTip tipOf(TestNode node, Block block) {
        return ChainTip.of(block.header(), 1, 0, node.chain.head().tip().state());
    }

    /** Control: where the honest miners left slots empty, a longer branch is the better chain and wins. */
    @Test
    void controlALongerBranchWinsWhereSlotsWereLeftEmpty() {
        try (TestNode node = new TestNode(GENESIS, InMemoryChainStore.create(GENESIS.chainId()))) {
            honestChain(node, 60, 2); // a block every other slot
            List<ImportResult> results = attackerBranch(node, 61, 1);
            assertThat(results.getLast()).isInstanceOf(ImportResult.Connected.class);
            assertThat(node.chain.head().height().value()).isEqualTo(61);
        }
    }

    private static void honestChain(TestNode node, int blocks, long slotsApart) {
        for (int i = 0; i < blocks; i++) {
            Block b = DqnChainReloadTest.next(node.chain, node.chain.head().tip(), i % 3, slotsApart);
            assertThat(node.chain.importBlock(b)).isInstanceOf(ImportResult.Connected.class);
        }
    }

    /** Miner 3's branch from genesis, each block by its own learner one slot after the last. */
    private static List<ImportResult> attackerBranch(TestNode node, int blocks, long slotsApart) {
        List<ImportResult> results = new ArrayList<>();
        ChainTip tip = ChainTip.genesis(GENESIS);
        for (int i = 0; i < blocks; i++) {
            Block b = DqnChainReloadTest.next(node.chain, tip, 3, slotsApart);
            results.add(node.chain.importBlock(b));
            Verdict v = BlockProcessor.apply(
                    tip,
                    b,
                    node.chain.rules(),
                    io.learnchain.chain.rules.ValidationContext.at(Long.MAX_VALUE / 4000)
                            .withLearners((parent, proposer) -> node.chain.learnerWork(parent, proposer)));
            tip = ((Verdict.Valid) v).tip();
        }
        return results;
    }

    private static Block zeroed(Block honest, long timestamp) {
        DqnProof p = (DqnProof) honest.header().proof();
        BlockHeader forged = honest.header().withProof(p.withRecord(ZERO)).withTimestamp(timestamp);
        return new Block(forged.signedBy(DevAccounts.keys(3)), honest.transactions());
    }
}
