package io.learnchain.node.chain;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.fork.ChainSummary;
import io.learnchain.chain.rules.ChainTip;
import java.util.Objects;

/** An immutable snapshot of the canonical tip: what validation needs, and what fork choice compares. */
public record ChainHead(ChainTip tip, ChainSummary summary) {
    public ChainHead {
        Objects.requireNonNull(tip, "tip");
        Objects.requireNonNull(summary, "summary");
    }

    public Hash hash() {
        return tip.hash();
    }

    public Height height() {
        return tip.height();
    }
}
