package io.learnchain.node.pole;

/**
 * How a real node runs proof-of-learning rounds.
 *
 * @param trainSteps, batch, learningRate how this node's miner trains (Adam), for every task
 * @param trainChunkSteps steps per worker task: messages are handled between chunks
 * @param computeThreads threads of the miner's training pool (never changes a result)
 * @param candidateWindowMillis how long after a reveal the node collects candidates before deciding
 * @param revealGraceMillis how long after a round's first commitment the requester waits before revealing
 * @param auditAll replay the won rounds of every task, not only this node's own (PROTOCOL.md 3.8;
 *     {@code --verify replay})
 */
public record PoleConfig(
        long trainSteps,
        int batch,
        float learningRate,
        long trainChunkSteps,
        int computeThreads,
        long candidateWindowMillis,
        long revealGraceMillis,
        boolean auditAll) {
    /** The fashion-mnist-mlp preset's training, 3 s candidate window, 2 s reveal grace. */
    public static final PoleConfig DEFAULT = new PoleConfig(
            600, 64, 0.001f, 20, Math.max(1, Runtime.getRuntime().availableProcessors()), 3_000, 2_000, false);

    public PoleConfig {
        if (trainSteps < 1
                || batch < 1
                || !(learningRate > 0)
                || trainChunkSteps < 1
                || computeThreads < 1
                || candidateWindowMillis < 0
                || revealGraceMillis < 0) {
            throw new IllegalArgumentException("pole settings need steps, batch, chunk and threads >= 1, a positive "
                    + "learning rate and non-negative windows; got " + this);
        }
    }

    public PoleConfig withTraining(long steps, int batchSize, float rate) {
        return new PoleConfig(
                steps,
                batchSize,
                rate,
                trainChunkSteps,
                computeThreads,
                candidateWindowMillis,
                revealGraceMillis,
                auditAll);
    }

    public PoleConfig withWindows(long candidateWindow, long revealGrace) {
        return new PoleConfig(
                trainSteps,
                batch,
                learningRate,
                trainChunkSteps,
                computeThreads,
                candidateWindow,
                revealGrace,
                auditAll);
    }

    public PoleConfig withAuditAll(boolean all) {
        return new PoleConfig(
                trainSteps,
                batch,
                learningRate,
                trainChunkSteps,
                computeThreads,
                candidateWindowMillis,
                revealGraceMillis,
                all);
    }

    /** The miner plan: honest, continuing from the last winner, committing as soon as training ends. */
    MinerPlan plan(long idleMeanMillis) {
        return new MinerPlan(trainSteps, batch, learningRate, true, 0, Math.max(1, idleMeanMillis));
    }
}
