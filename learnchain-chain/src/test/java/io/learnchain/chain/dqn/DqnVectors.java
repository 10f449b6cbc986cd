package io.learnchain.chain.dqn;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.rl.DqnTrainingRecord;
import io.learnchain.learn.rl.EnvState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dqn vector scenarios (written by {@link DqnVectorWriterTest}, replayed by
 * {@link DqnVectorReplayTest}). Chain files: {@code genesis <hex>}, {@code now <s>}, {@code block <hex>}
 * lines (all but the last valid), {@code expect VALID | INVALID <REASON>}, {@code root <hex>} (state
 * root after the last valid block). Fork files: {@code genesis}, {@code now}, {@code block X <hex>} and
 * {@code block Y <hex>} lines (two valid chains of equal height from genesis), {@code winner X|Y}.
 */
final class DqnVectors {
    private DqnVectors() {}

    static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String env : List.of("cartpole", "gridworld", "inventory")) {
            DqnFixture f = new DqnFixture(env, ForkOption.LAST_REWARD);
            out.put("valid-" + env, chainFile(f, f.chain(40), "VALID"));
        }
        DqnFixture f = new DqnFixture("cartpole", ForkOption.REWARD_SUM);
        List<Block> chain = f.chain(25);
        Block last = chain.getLast();
        DqnProof p = (DqnProof) last.header().proof();
        float[] o = p.next().observation();
        o[0] += 0.001f;
        out.put(
                "tampered-state",
                tampered(f, chain, p.withNext(new EnvState(o, p.next().tick())), "INVALID DQN_WRONG_STATE"));
        out.put("tampered-action", tampered(f, chain, p.withAction(1 - p.action()), "INVALID DQN_WRONG_STATE"));
        ChainTip beforeLast = f.replay(chain.subList(0, chain.size() - 1));
        int miner = (chain.size() - 1) % 4;
        List<Block> notPolicy = new ArrayList<>(chain.subList(0, chain.size() - 1));
        notPolicy.add(f.block(beforeLast, miner, 1 - f.work(beforeLast, miner).action(), List.of()));
        out.put("not-policy", chainFile(f, notPolicy, "INVALID DQN_NOT_POLICY"));
        DqnTrainingRecord r = p.record();
        List<Long> seeds = new ArrayList<>(r.batchSeeds());
        seeds.add(7L); // one more gradient step than the learner took
        DqnTrainingRecord forged =
                new DqnTrainingRecord(r.weightsBefore(), r.weightsAfter(), r.targetAfter(), r.iterationBefore(), seeds);
        out.put("wrong-training", tampered(f, chain, p.withRecord(forged), "INVALID DQN_WRONG_TRAINING"));
        List<Block> early = new ArrayList<>(chain.subList(0, chain.size() - 1));
        early.add(f.restamp(last, beforeLast.timestamp()));
        out.put("early-slot", chainFile(f, early, "INVALID DQN_EARLY_SLOT"));
        out.put("free-chain", chainFile(f, List.of(freeBlock(f)), "INVALID DQN_EARLY_SLOT"));
        out.put("tampered-reward", tampered(f, chain, p.withReward(p.reward() - 1), "INVALID DQN_WRONG_REWARD"));
        out.put("invalid-action", tampered(f, chain, p.withAction(5), "INVALID DQN_INVALID_ACTION"));
        out.put(
                "wrong-fork-score",
                tampered(f, chain, p.withForkScore(p.forkScore() + 1000), "INVALID DQN_WRONG_SCORE"));
        for (ForkOption option : ForkOption.values()) {
            DqnFixture g = new DqnFixture("cartpole", option);
            List<List<Block>> forks = divergingForks(g);
            StringBuilder sb = header(
                    g,
                    "fork choice option " + option.letter() + ": chain X has the higher last"
                            + " reward, chain Y the higher reward sum");
            forks.get(0).forEach(b -> sb.append("block X ").append(hex(b)).append('\n'));
            forks.get(1).forEach(b -> sb.append("block Y ").append(hex(b)).append('\n'));
            sb.append("winner ")
                    .append(option == ForkOption.LAST_REWARD ? "X" : "Y")
                    .append('\n');
            out.put("fork-" + option.letter(), sb.toString());
        }
        return out;
    }

    private static String tampered(DqnFixture f, List<Block> chain, DqnProof proof, String expect) {
        List<Block> blocks = new ArrayList<>(chain);
        Block last = blocks.removeLast();
        blocks.add(f.resign(last, proof, DqnFixture.minerOf(last)));
        return chainFile(f, blocks, expect);
    }

    /**
     * The first block of the free-chain attack (issue: 3,000 blocks built in seconds): an all-zero
     * training record, stamped with the genesis time. The slot rule refuses it before anything else.
     */
    static Block freeBlock(DqnFixture f) {
        ChainTip g = f.genesisTip();
        Block honest = f.block(g, 0, 0, List.of());
        DqnProof p = (DqnProof) honest.header().proof();
        DqnTrainingRecord zero = new DqnTrainingRecord(Hash.ZERO, Hash.ZERO, Hash.ZERO, 0, List.of());
        Block zeroed = f.resign(honest, p.withRecord(zero), DqnFixture.KEYS[0]);
        return f.restamp(zeroed, g.timestamp());
    }

    private static StringBuilder header(DqnFixture f, String comment) {
        return new StringBuilder("# ")
                .append(comment)
                .append('\n')
                .append("genesis ")
                .append(Bytes.of(f.genesis.canonicalBytes()).toHex())
                .append('\n')
                .append("now ")
                .append(DqnFixture.NOW)
                .append('\n');
    }

    private static String chainFile(DqnFixture f, List<Block> blocks, String expect) {
        StringBuilder sb = header(
                f,
                f.genesis.chainName() + ", option "
                        + f.rules.dqn().orElseThrow().forkOption().letter() + ": " + blocks.size() + " blocks, "
                        + expect);
        ChainTip tip = f.genesisTip();
        for (Block b : blocks) {
            sb.append("block ").append(hex(b)).append('\n');
            if (BlockProcessor.apply(tip, b, f.rules, f.context()) instanceof Verdict.Valid v) {
                tip = v.tip();
            }
        }
        sb.append("expect ")
                .append(expect)
                .append('\n')
                .append("root ")
                .append(tip.state().root().toHex())
                .append('\n');
        return sb.toString();
    }

    private static String hex(Block b) {
        return Bytes.of(BlockCodec.BLOCK.encode(b)).toHex();
    }

    /**
     * Two chains of equal height sharing a prefix, X with the higher last reward and Y with the higher
     * reward sum: the first prefix length (from 10) where some pair of two-block extensions (each block
     * by one of the four miners, acting by its policy) disagrees.
     */
    static List<List<Block>> divergingForks(DqnFixture f) {
        List<Block> prefix = f.chain(40);
        for (int k = 10; k < prefix.size(); k++) {
            ChainTip base = f.replay(prefix.subList(0, k));
            List<List<Block>> paths = new ArrayList<>();
            for (int a = 0; a < 4; a++) {
                Block first = f.block(base, a, List.of());
                ChainTip mid = f.connect(base, first);
                for (int b = 0; b < 4; b++) {
                    paths.add(List.of(first, f.block(mid, b, List.of())));
                }
            }
            for (List<Block> x : paths) {
                for (List<Block> y : paths) {
                    if (last(x) > last(y) && sum(y) > sum(x)) {
                        List<Block> cx = new ArrayList<>(prefix.subList(0, k));
                        cx.addAll(x);
                        List<Block> cy = new ArrayList<>(prefix.subList(0, k));
                        cy.addAll(y);
                        return List.of(cx, cy);
                    }
                }
            }
        }
        throw new AssertionError("no diverging fork pair found");
    }

    private static long last(List<Block> path) {
        return ((DqnProof) path.getLast().header().proof()).reward();
    }

    private static long sum(List<Block> path) {
        return path.stream()
                .mapToLong(b -> ((DqnProof) b.header().proof()).reward())
                .sum();
    }
}
