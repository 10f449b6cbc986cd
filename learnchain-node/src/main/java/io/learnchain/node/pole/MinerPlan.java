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
 * @param falseClaims 0 for an honest miner; n > 0: the false-claims adversary, n candidates per round
 *     each claiming more than the model reaches, and no honest one
 * @param premined the premined adversary: trains for another parent (another round's mapping layer,
 *     as a model prepared before the parent existed would be), skips the accuracy check and commits
 */
public record MinerPlan(long steps, int batch, float learningRate, boolean continueFromWinner, long stepMillis,
        long idleMeanMillis, int falseClaims, boolean premined) {
    public MinerPlan {
        if (steps < 1 || batch < 1 || !(learningRate > 0) || stepMillis < 0 || idleMeanMillis < 1 || falseClaims < 0) {
            throw new IllegalArgumentException("a miner plan needs steps >= 1, batch >= 1, a positive learning rate, "
                    + "step time >= 0, an idle delay >= 1 ms and false claims >= 0; got " + this);
        }
    }
}
