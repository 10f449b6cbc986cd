package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one pole vector: a chain of blocks (verdict of the last), or one round's candidates (the winner). */
final class PoleVectorReplay {
    /** The outcome, rendered as the expectation lines of a vector file (comments excluded). */
    record Result(List<String> lines, String comment) {
        String expectationLines() {
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(l).append('\n');
                if (l.startsWith("expect") && comment != null) {
                    sb.append("# ").append(comment).append('\n');
                }
            }
            return sb.toString();
        }
    }

    private PoleVectorReplay() {}

    static Result run(Genesis genesis, long now, Map<Hash, byte[]> blobs, List<Block> blocks, List<Block> candidates) {
        ChainRules rules = ChainRules.of(genesis);
        ValidationContext context = ValidationContext.at(now).withBlobs(BlobView.of(blobs));
        ChainTip tip = ChainTip.genesis(genesis);
        List<String> lines = new ArrayList<>();
        String comment = null;
        int last = candidates.isEmpty() ? blocks.size() - 1 : blocks.size();
        for (int i = 0; i < last; i++) {
            Verdict v = BlockProcessor.apply(tip, blocks.get(i), rules, context);
            if (!(v instanceof Verdict.Valid valid)) {
                throw new AssertionError("block " + (i + 1) + " of the prefix is not valid: " + v);
            }
            tip = valid.tip();
        }
        if (candidates.isEmpty()) {
            Verdict v = BlockProcessor.apply(tip, blocks.getLast(), rules, context);
            switch (v) {
                case Verdict.Valid valid -> {
                    lines.add("expect VALID");
                    tip = valid.tip();
                }
                case Verdict.Invalid inv -> {
                    lines.add("expect INVALID " + inv.reason());
                    comment = inv.detail();
                }
                case Verdict.Undecided u -> {
                    lines.add("expect UNDECIDED " + u.reason());
                    comment = u.detail();
                }
            }
        } else {
            ChainTip parent = tip;
            List<CandidateSelection.Candidate> cs = new ArrayList<>();
            for (Block b : candidates) {
                cs.add(CandidateSelection.Candidate.byMiner(b, CandidateSelection.listedOrder(rules.chainId(), b)));
            }
            CandidateSelection.Selection sel =
                    CandidateSelection.select(cs, b -> BlockProcessor.apply(parent, b, rules, context));
            lines.add("winner "
                    + sel.winningBlock().map(b -> b.header().hash().toHex()).orElse("none"));
            for (CandidateSelection.Rejection r : sel.rejected()) {
                lines.add("rejected " + r.blockHash().toHex() + " " + r.reason());
            }
            for (Block b : sel.dropped()) {
                lines.add("dropped " + b.header().hash().toHex());
            }
            lines.add("evaluations " + sel.evaluations());
            if (sel.winner().isPresent()) {
                tip = sel.winner().get().tip();
            }
        }
        lines.add("root " + tip.state().root().toHex());
        return new Result(lines, comment);
    }
}
