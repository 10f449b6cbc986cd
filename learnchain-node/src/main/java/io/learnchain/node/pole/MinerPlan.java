package io.learnchain.node.pole;

/**
 * How a miner trains and paces itself.
 *
 * @param steps optimizer steps per round
 * @param batch batch size
 * @param learningRate Adam's learning rate
 * @param continueFromWinner start from the task's last winning model (re-keyed) when its blob is here
 * @param stepMillis virtual (simulation) or expected (node) milliseconds one step takes: when the commitment goes out
 * @param idleMeanMillis mean delay before sealing an idle block (exponential, seeded): spreads idle miners out
 */
public record MinerPlan(
        long steps, int batch, float learningRate, boolean continueFromWinner, long stepMillis, long idleMeanMillis) {
    public MinerPlan {
        if (steps < 1 || batch < 1 || !(learningRate > 0) || stepMillis < 0 || idleMeanMillis < 1) {
            throw new IllegalArgumentException("a miner plan needs steps >= 1, batch >= 1, a positive learning rate, "
                    + "step time >= 0 and an idle delay >= 1 ms; got " + this);
        }
    }
}
