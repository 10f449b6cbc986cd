package io.learnchain.sim;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a dqn simulation leaves: the canonical chain's steps, its episode returns (in the task's
 * own unshaped reward) and the height at which their moving average first reached the task's
 * threshold ({@link EpisodeTally}).
 *
 * @param greedyReturns each node's learner alone, greedy, averaged over fresh episodes (empty for a
 *     non-episodic task)
 * @param adversaryBlocks blocks the lookahead adversaries proposed
 * @param refusedAdversaryBlocks of those, the ones nodes refused (each counted once), and the first
 *     reason given
 */
record DqnSimOutcome(
        DqnSimConfig config,
        Genesis genesis,
        List<Block> chain,
        long proposals,
        long messages,
        long virtualMillis,
        List<Double> greedyReturns,
        long adversaryBlocks,
        long refusedAdversaryBlocks,
        java.util.Optional<String> firstRefusal) {
    /** One canonical block. */
    record Step(long height, String miner, int action, long reward, long unshapedReward, boolean done) {}

    DqnSimOutcome {
        chain = List.copyOf(chain);
        greedyReturns = List.copyOf(greedyReturns);
    }

    Hash tipHash() {
        return chain.isEmpty() ? genesis.chainId() : chain.getLast().hash();
    }

    List<Step> steps() {
        List<Step> out = new ArrayList<>(chain.size());
        for (Block b : chain) {
            DqnProof p = (DqnProof) b.header().proof();
            out.add(new Step(
                    b.header().height().value(),
                    b.header().minerAddress().toString(),
                    p.action(),
                    p.reward(),
                    p.unshapedReward(),
                    p.done()));
        }
        return out;
    }

    List<EpisodeTally.Episode> episodes() {
        return tally().episodes();
    }

    /** The first height at which the moving average over a full window reached the threshold; -1 if never. */
    long thresholdHeight() {
        return tally().thresholdHeight();
    }

    /** Where the window that first reached the threshold began ({@link EpisodeTally#windowStart}). */
    long thresholdWindowStart() {
        return tally().windowStart();
    }

    private EpisodeTally tally() {
        EpisodeTally tally = config.tally();
        for (Step s : steps()) {
            tally.add(s.height(), s.unshapedReward(), s.done());
        }
        return tally;
    }

    /** Mean return of the last {@code n} episodes (all when fewer). */
    double lastAverage(int n) {
        List<EpisodeTally.Episode> e = episodes();
        int from = Math.max(0, e.size() - n);
        return e.size() == from
                ? 0
                : e.subList(from, e.size()).stream()
                        .mapToDouble(EpisodeTally.Episode::episodeReturn)
                        .average()
                        .orElse(0);
    }

    /** The share of canonical blocks won by the lookahead adversaries (the last nodes). */
    double lookaheadWinShare() {
        Set<PublicKey> searchers = new HashSet<>();
        for (int i = 0; i < config.nodes(); i++) {
            if (config.searches(i)) {
                searchers.add(DevAccounts.keys(i).publicKey());
            }
        }
        return chain.isEmpty()
                ? 0
                : chain.stream()
                                .filter(b -> searchers.contains(b.header().miner()))
                                .count()
                        / (double) chain.size();
    }

    /** Blocks each miner won, by address, in node order of first appearance. */
    Map<String, Long> wins() {
        Map<String, Long> out = new TreeMap<>();
        for (Block b : chain) {
            out.merge(b.header().minerAddress().toString(), 1L, Long::sum);
        }
        return out;
    }
}
