package io.learnchain.chain.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.UndecidedReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.rl.DqnTrainingRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy rule and the slot rule of PROTOCOL.md 4, each against the attacker it must stop: a
 * miner that searches for its action instead of taking its learner's, one that publishes training it
 * did not do, and the free-chain attacker that builds thousands of blocks at once.
 */
class DqnPolicyTest {
    private final DqnFixture f = new DqnFixture("cartpole", ForkOption.LAST_REWARD);

    /** A one-step searcher (the `lookahead` adversary) is refused the first time its action departs from its policy. */
    @Test
    void refusesTheSearchersActionWhereItIsNotThePolicys() {
        ChainTip tip = f.genesisTip();
        int refused = 0;
        int agreed = 0;
        for (int i = 0; i < 200; i++) {
            int miner = i % 4;
            int policy = f.work(tip, miner).action();
            int search = bestByLookahead(tip);
            Block searched = f.block(tip, miner, search, List.of());
            Verdict v = BlockProcessor.apply(tip, searched, f.rules, f.context());
            if (search == policy) {
                assertThat(v)
                        .as("block %d: the search agrees with the policy", i)
                        .isInstanceOf(Verdict.Valid.class);
                agreed++;
            } else {
                assertThat(v)
                        .isInstanceOfSatisfying(
                                Verdict.Invalid.class,
                                inv -> assertThat(inv.reason()).isEqualTo(InvalidReason.DQN_NOT_POLICY));
                refused++;
            }
            tip = f.connect(tip, f.block(tip, miner, List.of())); // the honest block goes on
        }
        assertThat(refused).as("searched actions that were not the policy's").isGreaterThan(20);
        assertThat(agreed)
                .as("control: where the search picks the policy's action the block is valid")
                .isGreaterThan(20);
    }

    @Test
    void refusesATrainingRecordTheLearnerDidNotProduce() {
        List<Block> chain = f.chain(600); // past the 500-transition warm-up: records hold gradient steps
        ChainTip parent = f.replay(chain.subList(0, 599));
        Block honest = chain.get(599);
        DqnProof p = (DqnProof) honest.header().proof();
        assertThat(p.record().batchSeeds()).isNotEmpty();
        DqnTrainingRecord skipped = new DqnTrainingRecord(
                p.record().weightsBefore(),
                p.record().weightsBefore(),
                p.record().targetAfter(),
                p.record().iterationBefore(),
                List.of()); // claims the learner trained nothing
        Block lazy = f.resign(honest, p.withRecord(skipped), DqnFixture.minerOf(honest));
        assertThat(reason(parent, lazy)).isEqualTo(InvalidReason.DQN_WRONG_TRAINING);
        assertThat(BlockProcessor.apply(parent, honest, f.rules, f.context())).isInstanceOf(Verdict.Valid.class);
    }

    /** The attack: 3,000 blocks with all-zero training records, every one stamped with the genesis time. */
    @Test
    void refusesTheFreeChainStampedAtGenesis() {
        Block first = DqnVectors.freeBlock(f);
        assertThat(reason(f.genesisTip(), first)).isEqualTo(InvalidReason.DQN_EARLY_SLOT);
    }

    /**
     * The same attacker obeying every other rule (its own learner's actions and records, one slot
     * apart) still cannot get ahead of time: 100 s after genesis its branch holds at most 100 blocks,
     * the rest wait for their slots.
     */
    @Test
    void aBranchCannotHoldMoreBlocksThanSlotsHavePassed() {
        List<Block> attack = new ArrayList<>();
        ChainTip building = f.genesisTip();
        for (int i = 0; i < 3_000; i++) {
            Block b = f.block(building, 0, List.of());
            attack.add(b);
            building = f.connect(building, b);
        }
        long now = DqnFixture.GENESIS_TIME + 100;
        ChainTip tip = f.genesisTip();
        int accepted = 0;
        for (Block b : attack) {
            Verdict v = BlockProcessor.apply(tip, b, f.rules, f.context(now));
            if (!(v instanceof Verdict.Valid valid)) {
                assertThat(v)
                        .isInstanceOfSatisfying(
                                Verdict.Undecided.class,
                                u -> assertThat(u.reason()).isEqualTo(UndecidedReason.FUTURE_TIMESTAMP));
                break;
            }
            tip = valid.tip();
            accepted++;
        }
        assertThat(accepted).isEqualTo(100);
    }

    @Test
    void awardFollowsTheRewardAndANegativeRewardEarnsNothing() {
        Block b = f.block(f.genesisTip(), 1, List.of());
        DqnProof p = (DqnProof) b.header().proof();
        var params = f.rules.dqn().orElseThrow();
        assertThat(DqnRules.award(p.withReward(1000), params)).isEqualTo(Amount.ofCoins(10));
        assertThat(DqnRules.award(p.withReward(500), params)).isEqualTo(Amount.ofCoins(5));
        assertThat(DqnRules.award(p.withReward(0), params)).isEqualTo(Amount.ZERO);
        assertThat(DqnRules.award(p.withReward(-1000), params)).isEqualTo(Amount.ZERO);
    }

    /** Learners of different keys differ, and a key's learner does not depend on who rebuilds it. */
    @Test
    void learnersArePublicFunctionsOfKeyAndBranch() {
        List<Block> chain = f.chain(700);
        ChainTip tip = f.replay(chain);
        DqnFixture other = new DqnFixture(f.genesis);
        chain.forEach(other::know);
        Hash w0 = f.work(tip, 0).record().weightsAfter();
        assertThat(other.work(tip, 0)).isEqualTo(f.work(tip, 0));
        assertThat(f.work(tip, 1).record().weightsAfter()).isNotEqualTo(w0);
    }

    /** An unfunded key is refused before any replay: the learner cache does no work for it. */
    @Test
    void refusesAnUnfundedProposerBeforeReplayingItsLearner() {
        io.learnchain.base.crypto.KeyPair stranger =
                io.learnchain.chain.genesis.DevAccounts.keys(9); // not premined here
        ChainTip g = f.genesisTip();
        var work = f.learners
                .learner(g.hash(), stranger.publicKey(), h -> java.util.Optional.ofNullable(f.headers.get(h)))
                .orElseThrow();
        long before = f.learners.advancedBlocks();
        Block b = f.know(DqnBlockBuilder.build(
                g,
                f.rules,
                stranger,
                work.action(),
                work.record(),
                List.of(),
                g.timestamp() + 1,
                io.learnchain.chain.rules.SignatureVerifier.ED25519));
        assertThat(reason(g, b)).isEqualTo(InvalidReason.DQN_UNFUNDED_PROPOSER);
        assertThat(f.learners.advancedBlocks()).isEqualTo(before);
    }

    private int bestByLookahead(ChainTip tip) {
        var env = f.rules.dqn().orElseThrow().env();
        int best = 0;
        long bestReward = Long.MIN_VALUE;
        for (int a = 0; a < env.actionCount(); a++) {
            long r = DqnRules.step(tip, f.rules.chainId(), env, a).reward();
            if (r > bestReward) {
                best = a;
                bestReward = r;
            }
        }
        return best;
    }

    private InvalidReason reason(ChainTip parent, Block block) {
        Verdict v = BlockProcessor.apply(parent, block, f.rules, f.context());
        assertThat(v).as("verdict %s", v).isInstanceOf(Verdict.Invalid.class);
        return ((Verdict.Invalid) v).reason();
    }
}
