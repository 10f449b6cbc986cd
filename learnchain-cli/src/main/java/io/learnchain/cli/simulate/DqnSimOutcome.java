package io.learnchain.cli.simulate;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.learn.rl.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dqn simulation leaves: the canonical chain's steps, its episode returns (in the task's
 * own unshaped reward) and the height at which their moving average first reached the task's
 * threshold. A non-episodic task (inventory control) is cut into segments of {@link #SEGMENT}
 * blocks whose summed reward stands in for an episode return.
 *
 * @param greedyReturns each node's learner alone, greedy, averaged over fresh episodes (empty for a
 *     non-episodic task)
 */
record DqnSimOutcome(DqnSimConfig config, Genesis genesis, List<Block> chain, long proposals, long messages,
        long virtualMillis, List<Double> greedyReturns) {
    static final int SEGMENT = 100;

    /** One canonical block. */
    record Step(long height, String miner, int action, long reward, long unshapedReward, boolean done) {
    }

    /** One finished episode: the height of its last block, its return and the moving average then. */
    record Episode(int index, long endHeight, double episodeReturn, double movingAverage) {
    }

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
            out.add(new Step(b.header().height().value(), b.header().minerAddress().toString(), p.action(), p.reward(),
                    p.unshapedReward(), p.done()));
        }
        return out;
    }

    List<Episode> episodes() {
        boolean episodic = config.env().episodic();
        List<Episode> out = new ArrayList<>();
        double[] returns = new double[chain.size() + 1];
        double running = 0;
        double windowSum = 0;
        long inSegment = 0;
        for (Step s : steps()) {
            running += s.unshapedReward() / (double) StepResult.SCALE;
            inSegment++;
            if (episodic ? !s.done() : inSegment < SEGMENT) {
                continue;
            }
            int i = out.size();
            returns[i] = running;
            windowSum += running;
            if (i >= config.window()) {
                windowSum -= returns[i - config.window()];
            }
            out.add(new Episode(i, s.height(), running, windowSum / Math.min(i + 1, config.window())));
            running = 0;
            inSegment = 0;
        }
        return out;
    }

    /** The first height at which the moving average over a full window reached the threshold; -1 if never. */
    long thresholdHeight() {
        double threshold = config.threshold();
        if (Double.isNaN(threshold)) {
            return -1;
        }
        for (Episode e : episodes()) {
            if (e.index() + 1 >= config.window() && e.movingAverage() >= threshold) {
                return e.endHeight();
            }
        }
        return -1;
    }

    /** Mean return of the last {@code n} episodes (all when fewer). */
    double lastAverage(int n) {
        List<Episode> e = episodes();
        int from = Math.max(0, e.size() - n);
        return e.size() == from ? 0 : e.subList(from, e.size()).stream().mapToDouble(Episode::episodeReturn)
                .average().orElse(0);
    }

    /** Blocks each miner won, by address, in node order of first appearance. */
    java.util.Map<String, Long> wins() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (Block b : chain) {
            out.merge(b.header().minerAddress().toString(), 1L, Long::sum);
        }
        return out;
    }
}
