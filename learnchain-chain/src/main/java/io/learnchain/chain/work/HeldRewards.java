package io.learnchain.chain.work;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Height;
import io.learnchain.chain.state.HeldReward;
import io.learnchain.chain.state.StateDelta;
import io.learnchain.chain.state.TaskState;
import java.util.List;

/**
 * The fraud window of won rounds (PROTOCOL.md 3.8). A pole block's coinbase (subsidy, fees and the
 * round's reward) is not credited at once: its task holds it for {@link #HOLD_BLOCKS} blocks, and a
 * valid {@code WorkFraud} in that time refutes it (the reward goes back to the requester, a
 * {@link #BOUNTY_PERCENT} bounty to the prover, the rest is burned). At the start of every block,
 * before its transactions, the payouts whose window ended are credited.
 */
public final class HeldRewards {
    /** Blocks a won round's payout stays refutable. */
    public static final int HOLD_BLOCKS = 10;
    /** Share of a refuted payout (after the requester's reward) paid to the prover. */
    public static final int BOUNTY_PERCENT = 10;

    private HeldRewards() {}

    /** Holds a pole block's coinbase in its task. */
    public static void hold(StateDelta delta, long taskId, HeldReward entry) {
        TaskState task = delta.task(taskId).orElseThrow();
        delta.putTask(task.holding(entry));
    }

    /** Credits every held payout whose window ends at {@code height} or before. Call once per block, first. */
    public static void release(StateDelta delta, Height height) {
        for (TaskState task : delta.tasksWithHeld()) {
            List<HeldReward> due = task.held().stream()
                    .filter(e -> e.height().value() + HOLD_BLOCKS <= height.value())
                    .toList();
            if (due.isEmpty()) {
                continue;
            }
            for (HeldReward e : due) {
                Address to = e.recipient();
                delta.put(to, delta.account(to).credit(e.amount()));
            }
            delta.putTask(delta.task(task.id()).orElseThrow().releasing(due));
        }
    }

    /** The bounty of a refuted payout: BOUNTY_PERCENT of what is left after the requester's reward. */
    public static Amount bounty(HeldReward e) {
        return e.amount().subtract(e.reward()).percent(BOUNTY_PERCENT);
    }
}
