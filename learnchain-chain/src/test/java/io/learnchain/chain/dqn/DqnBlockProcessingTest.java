package io.learnchain.chain.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.rl.EnvState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DqnBlockProcessingTest {
    private final DqnFixture f = new DqnFixture("cartpole", ForkOption.LAST_REWARD);

    @ParameterizedTest
    @ValueSource(strings = {"cartpole", "gridworld", "inventory"})
    void acceptsChainWhoseStepsFollowFromParents(String env) {
        DqnFixture g = new DqnFixture(env, ForkOption.REWARD_SUM);
        List<Block> blocks = g.chain(80);
        ChainTip tip = g.replay(blocks);
        assertThat(tip.height().value()).isEqualTo(80);
        assertThat(tip.dqn()).isPresent();
        for (Block b : blocks) {
            assertThat(BlockCodec.BLOCK.decode(BlockCodec.BLOCK.encode(b))).isEqualTo(b);
        }
    }

    @Test
    void startsNewEpisodeFromTheHeightAfterDoneStep() {
        List<Block> blocks = f.chain(120);
        ChainTip tip = f.genesisTip();
        int resets = 0;
        for (Block b : blocks) {
            DqnProof p = (DqnProof) b.header().proof();
            if (DqnRules.startsEpisode(tip)) {
                EnvState start = f.rules
                        .dqn()
                        .orElseThrow()
                        .env()
                        .reset(DqnRules.resetSeed(
                                f.rules.chainId(), tip.height().value() + 1));
                assertThat(p.next().tick()).isEqualTo(start.tick() + 1);
                resets++;
            } else {
                assertThat(p.next().tick())
                        .isEqualTo(tip.dqn().orElseThrow().next().tick() + 1);
            }
            tip = f.connect(tip, b);
        }
        assertThat(resets).as("episodes started in 120 blocks").isGreaterThanOrEqualTo(3);
    }

    @Test
    void rejectsTamperedStateActionAndReward() {
        List<Block> blocks = f.chain(30);
        ChainTip parent = f.replay(blocks.subList(0, 20));
        Block honest = blocks.get(20);
        DqnProof p = (DqnProof) honest.header().proof();
        float[] o = p.next().observation();
        o[1] += 0.001f;
        assertThat(reason(
                        parent,
                        f.resign(honest, p.withNext(new EnvState(o, p.next().tick())), DqnFixture.minerOf(honest))))
                .isEqualTo(InvalidReason.DQN_WRONG_STATE);
        assertThat(reason(parent, f.resign(honest, p.withAction(1 - p.action()), DqnFixture.minerOf(honest))))
                .isEqualTo(InvalidReason.DQN_WRONG_STATE);
        assertThat(reason(parent, f.resign(honest, p.withAction(2), DqnFixture.minerOf(honest))))
                .isEqualTo(InvalidReason.DQN_INVALID_ACTION);
        assertThat(reason(parent, f.resign(honest, p.withReward(p.reward() + 1), DqnFixture.minerOf(honest))))
                .isEqualTo(InvalidReason.DQN_WRONG_REWARD);
        assertThat(reason(parent, f.resign(honest, p.withForkScore(p.forkScore() + 1), DqnFixture.minerOf(honest))))
                .isEqualTo(InvalidReason.DQN_WRONG_SCORE);
        assertThat(BlockProcessor.apply(parent, honest, f.rules, f.context())).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void nextBlockFailsOnTamperedParentState() {
        List<Block> blocks = f.chain(40);
        int at = 19;
        while (((DqnProof) blocks.get(at).header().proof()).done()) {
            at++; // a parent that ends its episode hands its child a fresh start: tamper with one that does not
        }
        ChainTip grand = f.replay(blocks.subList(0, at));
        Block honest = blocks.get(at);
        DqnProof p = (DqnProof) honest.header().proof();
        float[] o = p.next().observation();
        o[2] += 0.01f;
        Block tampered = f.resign(honest, p.withNext(new EnvState(o, p.next().tick())), DqnFixture.minerOf(honest));
        // a node that stored the tampered block anyway (its own database edited) ...
        ChainTip stored =
                grand.child(tampered.header(), f.connect(grand, honest).state());
        Block next = blocks.get(at + 1);
        assertThat(reason(stored, next)).isEqualTo(InvalidReason.WRONG_PREVIOUS);
        // ... and the next block re-linked onto it: its step no longer follows
        BlockHeader relinked = new BlockHeader(
                        next.header().version(),
                        next.header().height(),
                        tampered.hash(),
                        next.header().timestamp(),
                        next.header().miner(),
                        next.header().txRoot(),
                        next.header().stateRoot(),
                        next.header().proof(),
                        Signature.NONE)
                .signedBy(DqnFixture.minerOf(next));
        assertThat(reason(stored, new Block(relinked, next.transactions()))).isEqualTo(InvalidReason.DQN_WRONG_STATE);
    }

    @Test
    void paysTheAwardOfItsRewardToCoinbaseAndNoMore() {
        ChainTip g = f.genesisTip();
        Block b = f.block(g, 2, List.of());
        Coinbase cb = (Coinbase) b.transactions().getFirst();
        long reward = ((DqnProof) b.header().proof()).reward();
        assertThat(reward)
                .as("a first CartPole step earns a positive shaped reward")
                .isPositive();
        Amount award = Amount.ofUnits(Amount.ofCoins(10).units() * reward / 1000);
        assertThat(cb.amount()).isEqualTo(award).isLessThanOrEqualTo(Amount.ofCoins(10));
        ChainTip tip = f.connect(g, b);
        assertThat(tip.state().account(cb.recipient()).balance())
                .isEqualTo(Amount.ofCoins(1_000_000).add(award));
        List<Transaction> greedy = new ArrayList<>(b.transactions());
        greedy.set(0, new Coinbase(cb.height(), cb.recipient(), cb.amount().add(Amount.ofUnits(1))));
        BlockHeader h = b.header();
        BlockHeader forged = new BlockHeader(
                        h.version(),
                        h.height(),
                        h.previous(),
                        h.timestamp(),
                        h.miner(),
                        Block.txRoot(greedy),
                        h.stateRoot(),
                        h.proof(),
                        Signature.NONE)
                .signedBy(DqnFixture.KEYS[2]);
        assertThat(reason(g, new Block(forged, greedy))).isEqualTo(InvalidReason.COINBASE_TOO_LARGE);
    }

    @Test
    void rejectsBlocksOfTheOtherEngine() {
        ChainTip g = f.genesisTip();
        Block dqnBlock = f.block(g, 0, List.of());
        Block idle = ChainFixture.forge(g, Amount.ZERO, List.of(), g.state().root());
        BlockHeader h = idle.header();
        BlockHeader onDqn = new BlockHeader(
                        h.version(),
                        h.height(),
                        g.hash(),
                        h.timestamp(),
                        h.miner(),
                        h.txRoot(),
                        h.stateRoot(),
                        new IdleProof(1, 0),
                        Signature.NONE)
                .signedBy(ChainFixture.KEYS[3]);
        assertThat(reason(g, new Block(onDqn, idle.transactions()))).isEqualTo(InvalidReason.WRONG_ENGINE_PROOF);
        ChainTip idleGenesis = ChainFixture.genesisTip();
        BlockHeader d = dqnBlock.header();
        BlockHeader onIdle = new BlockHeader(
                        d.version(),
                        d.height(),
                        idleGenesis.hash(),
                        d.timestamp(),
                        d.miner(),
                        d.txRoot(),
                        d.stateRoot(),
                        d.proof(),
                        Signature.NONE)
                .signedBy(DqnFixture.KEYS[0]);
        assertThat(BlockProcessor.apply(
                        idleGenesis,
                        new Block(onIdle, dqnBlock.transactions()),
                        ChainFixture.RULES,
                        ChainFixture.CONTEXT))
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class, v -> assertThat(v.reason()).isEqualTo(InvalidReason.WRONG_ENGINE_PROOF));
    }

    @Test
    void refusesTaskTransactionsAndBuilderLeavesThemOut() {
        ChainTip g = f.genesisTip();
        var post = SignedTransaction.sign(
                new TxBody(f.rules.chainId(), DqnFixture.KEYS[1].publicKey(), 0, Amount.ofUnits(10), new CancelTask(1)),
                DqnFixture.KEYS[1]);
        Block built = f.block(g, 0, List.of(post));
        assertThat(built.transactions()).hasSize(1);
        List<Transaction> body = new ArrayList<>(built.transactions());
        body.add(post);
        BlockHeader h = built.header();
        BlockHeader forged = new BlockHeader(
                        h.version(),
                        h.height(),
                        h.previous(),
                        h.timestamp(),
                        h.miner(),
                        Block.txRoot(body),
                        h.stateRoot(),
                        h.proof(),
                        Signature.NONE)
                .signedBy(DqnFixture.KEYS[0]);
        assertThat(reason(g, new Block(forged, body))).isEqualTo(InvalidReason.DQN_TASK_TRANSACTION);
    }

    private InvalidReason reason(ChainTip parent, Block block) {
        Verdict v = BlockProcessor.apply(parent, block, f.rules, f.context());
        assertThat(v).as("verdict %s", v).isInstanceOf(Verdict.Invalid.class);
        return ((Verdict.Invalid) v).reason();
    }
}
