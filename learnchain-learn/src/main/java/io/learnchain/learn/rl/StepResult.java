package io.learnchain.learn.rl;

import io.learnchain.base.Hash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * What one environment step yields. Rewards are fixed-point integers in milli-units
 * ({@link #SCALE} = 1000 per unit of reward): {@code reward} is the shaped reward the chain records
 * as R_{t+1} and fork choice ranks, {@code unshapedReward} the task's own reward (CartPole: 1000 per
 * step survived), the one to report returns in.
 *
 * @param terminal the task ended in a terminal state: its value is 0 and a TD target must not
 *     bootstrap from {@code next}
 * @param done the episode is over (terminal or cut at the step limit): the next step starts from a
 *     reset; never true for a non-episodic task
 */
public record StepResult(EnvState next, long reward, long unshapedReward, boolean terminal, boolean done) {
    /** Fixed-point units per unit of reward. */
    public static final long SCALE = 1000;

    public StepResult {
        Objects.requireNonNull(next, "next");
        if (terminal && !done) {
            throw new IllegalArgumentException("a terminal step also ends the episode (done)");
        }
    }

    /** The shaped reward as a float, the value the agent learns from. */
    public float rewardValue() {
        return reward / (float) SCALE;
    }

    /** Rounds a float reward to the nearest milli-unit (exact in double; ties to even). */
    static long toFixed(float value) {
        return (long) StrictMath.rint((double) value * SCALE);
    }

    /** Canonical bytes: next-state bytes, reward and unshaped reward as int64 LE, then flags (bit 0 terminal, bit 1 done). */
    public byte[] canonicalBytes() {
        byte[] s = next.canonicalBytes();
        return ByteBuffer.allocate(s.length + 17)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(s)
                .putLong(reward)
                .putLong(unshapedReward)
                .put((byte) ((terminal ? 1 : 0) | (done ? 2 : 0)))
                .array();
    }

    public Hash hash() {
        return Hash.sha256(canonicalBytes());
    }
}
