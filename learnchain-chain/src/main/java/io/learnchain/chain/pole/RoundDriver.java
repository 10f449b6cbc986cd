package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.model.ModelSpec;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The pure round schedule (PROTOCOL.md 3.2-3.4) that miners, requesters, the node and the
 * simulation all call: given the tip after block h, which task round h+1 works on, its secure
 * mapping layer, the test shard the chain chose, and the deadlines.
 */
public final class RoundDriver {
    private RoundDriver() {}

    public static Round round(ChainTip parent, ChainRules rules) {
        Optional<TaskState> task = chooseTask(parent.state());
        if (task.isEmpty()) {
            return new Round.Idle(parent.nextDifficulty(rules));
        }
        TaskState t = task.get();
        Hash key = TaskRules.roundKey(parent.hash(), t.id());
        int classes = ModelSpec.parse(t.terms().modelSpec()).outputSize();
        int shard = chosenShard(parent.hash(), t);
        long ts = parent.timestamp();
        return new Round.Learning(
                t,
                parent.hash(),
                key,
                new SecureMappingLayer(key, classes),
                shard,
                t.terms().shardHashes().get(shard),
                Math.addExact(ts, roundSeconds(t)),
                Math.addExact(ts, t.terms().maxPhaseSeconds()),
                parent.nextDifficulty(rules));
    }

    /**
     * A task's round time: max(expected seconds, minimum phase), at most the maximum phase. The
     * requester reveals no sooner than this after the round's parent, so a commitment made at once
     * without training cannot pull the reveal forward past the training the task declared; and the
     * task's priority is reward per round time, so declaring a short training time buys no priority
     * without a reveal that soon (issue 15).
     */
    public static long roundSeconds(TaskState t) {
        return Math.min(
                Math.max(t.terms().expectedSeconds(), t.terms().minPhaseSeconds()),
                t.terms().maxPhaseSeconds());
    }

    /**
     * The open task with the highest reward per round / {@link #roundSeconds} (compared exactly by
     * cross-multiplication), ties to the lower task id; empty when no task is open.
     */
    public static Optional<TaskState> chooseTask(WorldState state) {
        TaskState best = null;
        for (TaskState t : state.tasks().all()) {
            if (!t.isOpen() || t.unrevealedShards() == 0) {
                continue;
            }
            if (best == null || value(t).compareTo(value(best)) > 0) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Fraction value(TaskState t) {
        return new Fraction(t.terms().rewardPerRound().units(), Math.max(1, roundSeconds(t)));
    }

    /** Index of the shard of the round on {@code previous}: H(previous) mod unrevealed picks among the unrevealed. */
    public static int chosenShard(Hash previous, TaskState task) {
        int unrevealed = task.unrevealedShards();
        long pick = Long.remainderUnsigned(Hash.sha256(previous.unsafeArray()).firstLongLE(), unrevealed);
        int seen = 0;
        for (int i = 0; i < task.terms().shardHashes().size(); i++) {
            if (!task.isRevealed(i)) {
                if (seen == pick) {
                    return i;
                }
                seen++;
            }
        }
        throw new IllegalStateException("task " + task.id() + " has no unrevealed shard");
    }

    private record Fraction(long num, long den) implements Comparable<Fraction> {
        @Override
        public int compareTo(Fraction o) {
            return BigInteger.valueOf(num)
                    .multiply(BigInteger.valueOf(o.den))
                    .compareTo(BigInteger.valueOf(o.num).multiply(BigInteger.valueOf(den)));
        }
    }
}
