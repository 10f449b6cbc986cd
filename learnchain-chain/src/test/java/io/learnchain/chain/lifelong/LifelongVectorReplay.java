package io.learnchain.chain.lifelong;

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

/** Runs one lifelong vector: every block but the last must be valid; the last one's verdict and the root after. */
final class LifelongVectorReplay {
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

    private LifelongVectorReplay() {}

    static Result run(Genesis genesis, long now, Map<Hash, byte[]> blobs, List<Block> blocks) {
        ChainRules rules = ChainRules.of(genesis);
        ValidationContext context = ValidationContext.at(now).withBlobs(BlobView.of(blobs));
        ChainTip tip = ChainTip.genesis(genesis);
        for (int i = 0; i < blocks.size() - 1; i++) {
            if (!(BlockProcessor.apply(tip, blocks.get(i), rules, context) instanceof Verdict.Valid valid)) {
                throw new AssertionError("block " + (i + 1) + " of the prefix is not valid");
            }
            tip = valid.tip();
        }
        List<String> lines = new ArrayList<>();
        String comment = null;
        switch (BlockProcessor.apply(tip, blocks.getLast(), rules, context)) {
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
        lines.add("root " + tip.state().root().toHex());
        return new Result(lines, comment);
    }
}
