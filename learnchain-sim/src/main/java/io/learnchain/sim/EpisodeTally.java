package io.learnchain.sim;

import io.learnchain.learn.rl.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Episode returns of a dqn chain, counted block by block in the task's own unshaped reward, with
 * their moving average and the first height at which a full window reached the threshold. A
 * non-episodic task is cut into segments of {@link #SEGMENT} blocks whose summed reward stands in
 * for an episode return. Fed in height order; used on a finished chain and, to stop a run once it
 * converged, on a running one.
 */
final class EpisodeTally {
    static final int SEGMENT = 100;

    /** One finished episode: the height of its last block, its return and the moving average then. */
    record Episode(int index, long endHeight, double episodeReturn, double movingAverage) {}

    private final boolean episodic;
    private final int window;
    private final double threshold;
    private final List<Episode> episodes = new ArrayList<>();
    private double running;
    private double windowSum;
    private long inSegment;
    private long thresholdHeight = -1;
    private long windowStart = -1;

    /** @param threshold the return a task counts as solved; NaN for none */
    EpisodeTally(boolean episodic, int window, double threshold) {
        if (window < 1) {
            throw new IllegalArgumentException("the window must be at least 1 episode, got " + window);
        }
        this.episodic = episodic;
        this.window = window;
        this.threshold = threshold;
    }

    /** Counts the next canonical block's step. */
    void add(long height, long unshapedRewardMilli, boolean done) {
        running += unshapedRewardMilli / (double) StepResult.SCALE;
        inSegment++;
        if (episodic ? !done : inSegment < SEGMENT) {
            return;
        }
        int i = episodes.size();
        windowSum += running;
        if (i >= window) {
            windowSum -= episodes.get(i - window).episodeReturn();
        }
        double average = windowSum / Math.min(i + 1, window);
        episodes.add(new Episode(i, height, running, average));
        if (thresholdHeight < 0 && i + 1 >= window && average >= threshold) {
            thresholdHeight = height;
            windowStart = i == window - 1 ? 0 : episodes.get(i - window).endHeight();
        }
        running = 0;
        inSegment = 0;
    }

    List<Episode> episodes() {
        return List.copyOf(episodes);
    }

    /** The first height at which the moving average over a full window reached the threshold; -1 if never. */
    long thresholdHeight() {
        return thresholdHeight;
    }

    /**
     * The height after which the window of episodes that first reached the threshold began (0 when it
     * is the first window); -1 if never. With a window of 100 CartPole episodes the threshold height
     * cannot be below about 19 500, so this is where the good run started.
     */
    long windowStart() {
        return windowStart;
    }
}
