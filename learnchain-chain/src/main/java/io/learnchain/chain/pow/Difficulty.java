package io.learnchain.chain.pow;

import io.learnchain.base.Hash;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Idle-block proof-of-work arithmetic, integers only.
 *
 * <p><b>Target.</b> {@code target(D) = floor((2^256 - 1) / D)}; a header meets difficulty D when its
 * hash, read as an unsigned 256-bit big-endian number, is at most the target. D is the expected
 * number of hashes per block.
 *
 * <p><b>Adjustment</b> (a damped per-block ratio; N = {@value #DAMPING}, T = target seconds, dt =
 * the parent's own interval clamped to [0, {@value #MAX_INTERVAL_FACTOR}T]):
 * <pre>
 *   D_next = max(1, floor(D * N*T / ((N-1)*T + dt)))
 * </pre>
 * dt = T keeps D; a zero-second block raises D by 1/(N-1) (about 14%); the slowest counted block
 * lowers it to N/(N-1+6) = 8/13 of D. The clamp stops a forged far-future timestamp from
 * collapsing the difficulty in one block; a timestamp earlier than the parent's is invalid.
 */
public final class Difficulty {
    public static final int DAMPING = 8;
    public static final int MAX_INTERVAL_FACTOR = 6;
    private static final BigInteger MAX_HASH = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private Difficulty() {}

    /** The 32-byte big-endian target for {@code difficulty}. */
    public static byte[] target(long difficulty) {
        if (difficulty < 1) {
            throw new IllegalArgumentException("difficulty must be at least 1, got " + difficulty);
        }
        BigInteger t = MAX_HASH.divide(BigInteger.valueOf(difficulty));
        byte[] raw = t.toByteArray();
        byte[] out = new byte[Hash.LENGTH];
        int n = Math.min(raw.length, Hash.LENGTH);
        System.arraycopy(raw, raw.length - n, out, Hash.LENGTH - n, n);
        return out;
    }

    /** True when {@code hash} (big-endian) is at most {@code target}. */
    public static boolean meets(Hash hash, byte[] target) {
        return Arrays.compareUnsigned(hash.unsafeArray(), target) <= 0;
    }

    public static boolean meets(Hash hash, long difficulty) {
        return meets(hash, target(difficulty));
    }

    /** The difficulty of the child of a block with difficulty {@code parent} that took {@code parentInterval} s. */
    public static long next(long parent, long parentIntervalSeconds, long targetSeconds) {
        if (parent < 1 || targetSeconds < 1) {
            throw new IllegalArgumentException(
                    "difficulty and target seconds must be positive, got " + parent + " and " + targetSeconds);
        }
        long dt = Math.clamp(parentIntervalSeconds, 0, MAX_INTERVAL_FACTOR * targetSeconds);
        BigInteger numerator = BigInteger.valueOf(parent).multiply(BigInteger.valueOf(DAMPING * targetSeconds));
        BigInteger denominator = BigInteger.valueOf((DAMPING - 1) * targetSeconds + dt);
        BigInteger d = numerator.divide(denominator);
        if (d.bitLength() > 62) {
            return Long.MAX_VALUE / 2;
        }
        return Math.max(1, d.longValue());
    }
}
