package io.learnchain.chain.dqn;

import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
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
        blocks.add(DqnFixture.resign(last, proof, DqnFixture.minerOf(last)));
        return chainFile(f, blocks, expect);
    }

    private static StringBuilder header(DqnFixture f, String comment) {
        return new StringBuilder("# ")
                .append(comment)
                .append('\n')
                .append("genesis ")
                .append(Bytes.of(f.genesis.canonicalBytes()).toHex())
                .append('\n')
                .append("now ")
                .append(DqnFixture.CONTEXT.nowSeconds())
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
            if (BlockProcessor.apply(tip, b, f.rules, DqnFixture.CONTEXT) instanceof Verdict.Valid v) {
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
     * reward sum: the first prefix length (from 10) where some pair of two-block extensions disagrees.
     */
    static List<List<Block>> divergingForks(DqnFixture f) {
        List<Block> prefix = f.chain(40);
        for (int k = 10; k < prefix.size(); k++) {
            ChainTip base = f.replay(prefix.subList(0, k));
            List<List<Block>> paths = new ArrayList<>();
            for (int a = 0; a < 2; a++) {
                Block first = f.block(base, 0, a, List.of());
                ChainTip mid = f.connect(base, first);
                for (int b = 0; b < 2; b++) {
                    paths.add(List.of(first, f.block(mid, 1, b, List.of())));
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
