package io.learnchain.chain.fork;

import io.learnchain.base.Height;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import java.util.Comparator;

/**
 * Fork choice of PROTOCOL.md 3.5: the longer chain wins; at equal height the higher tip score,
 * then the higher summed score, then the lower tip hash. Total: two different chains never tie.
 * A switch that would undo more than the genesis's max reorg depth blocks is refused.
 */
public final class ForkChoice {
    /** Orders chains from worse to better. */
    public static final Comparator<ChainSummary> ORDER = Comparator.comparing(ChainSummary::height)
            .thenComparingLong(ChainSummary::tipScore)
            .thenComparingLong(ChainSummary::summedScore)
            .thenComparing(ChainSummary::tipHash, Comparator.reverseOrder());

    public enum Decision {
        /** The current chain stays best. */
        KEEP,
        /** The candidate is better and within the reorg limit: switch to it. */
        SWITCH,
        /** The candidate is better but would undo too many blocks: refused. */
        REFUSE_TOO_DEEP
    }

    private ForkChoice() {}

    /**
     * The fork-choice score of a block: the verified correct count of a pole block, the verified fork
     * score of a dqn block ({@code io.learnchain.chain.dqn.DqnRules#forkScore}: option a or b of the
     * genesis), 0 for idle and forfeit blocks.
     */
    public static long score(BlockHeader header) {
        return switch (header.proof()) {
            case PoleProof p -> p.claimedScore();
            case IdleProof p -> 0;
            case ForfeitProof p -> 0;
            case DqnProof p -> p.forkScore();
        };
    }

    public static boolean isBetter(ChainSummary candidate, ChainSummary current) {
        return ORDER.compare(candidate, current) > 0;
    }

    /**
     * Decides between the current best chain and a candidate that forks from it after the common
     * ancestor at {@code forkPoint}.
     */
    public static Decision choose(ChainSummary current, ChainSummary candidate, Height forkPoint, int maxReorgDepth) {
        return choose(current, candidate, forkPoint, maxReorgDepth, false);
    }

    /**
     * As above; with {@code tiesOnlyAmongSiblings} (a dqn chain, PROTOCOL.md 4.3) a candidate of the
     * same height wins on its score only against a sibling of the current tip (a reorganisation of
     * one block): a deeper switch needs a strictly longer branch. Otherwise a miner could rewrite
     * the last blocks with a branch of equal length, built as fast as it can train, and win on the
     * score of its last block.
     */
    public static Decision choose(
            ChainSummary current,
            ChainSummary candidate,
            Height forkPoint,
            int maxReorgDepth,
            boolean tiesOnlyAmongSiblings) {
        if (!isBetter(candidate, current)) {
            return Decision.KEEP;
        }
        if (forkPoint.compareTo(current.height()) > 0) {
            throw new IllegalArgumentException(
                    "fork point " + forkPoint + " is above the current tip " + current.height());
        }
        long undone = current.height().value() - forkPoint.value();
        if (tiesOnlyAmongSiblings && candidate.height().equals(current.height()) && undone > 1) {
            return Decision.KEEP;
        }
        return undone > maxReorgDepth ? Decision.REFUSE_TOO_DEEP : Decision.SWITCH;
    }
}
