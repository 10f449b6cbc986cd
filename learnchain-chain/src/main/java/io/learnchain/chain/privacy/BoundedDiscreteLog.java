package io.learnchain.chain.privacy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The discrete logarithm v of T = g^v for |v| <= bound, by baby-step giant-step. Baby steps: the
 * table of g^j for j in [0, m], looked up by the low 64 bits of the affine x coordinate (g^j and
 * g^-j share x; the y coordinate tells them apart, and a hit is confirmed on the whole point, so a
 * collision of the low bits cannot give a wrong answer). Giant steps: T g^{-c(2m+1)} for
 * c = 0, 1, -1, 2, -2, ... up to C = ceil((bound - m) / (2m + 1)), each a point addition and one
 * field inversion. Cost: m additions once, at most 2C + 1 giant steps per logarithm.
 *
 * <p>Immutable after construction; share one per bound.
 */
public final class BoundedDiscreteLog {
    private final long bound;
    private final int babySteps;
    private final ECPoint[] baby;
    private final Map<Long, Integer> byX;
    private final ECPoint giant;
    private final long giantSteps;

    /**
     * A table for |v| <= {@code bound} with {@code babySteps} baby steps (memory grows with it,
     * giant steps shrink: about bound / babySteps of them in the worst case).
     */
    public BoundedDiscreteLog(long bound, int babySteps) {
        if (bound < 0 || bound > (1L << 40)) {
            throw new IllegalArgumentException("a discrete-logarithm bound must be in [0, 2^40], got " + bound);
        }
        if (babySteps < 1 || babySteps > (1 << 22)) {
            throw new IllegalArgumentException("baby steps must be in [1, 2^22], got " + babySteps);
        }
        this.bound = bound;
        this.babySteps = (int) Math.min(babySteps, Math.max(1, bound));
        baby = new ECPoint[this.babySteps + 1];
        baby[0] = IpfeGroup.identity();
        ECPoint g = IpfeGroup.generator();
        ECPoint current = IpfeGroup.identity();
        for (int j = 1; j <= this.babySteps; j++) {
            current = current.add(g);
            baby[j] = current;
        }
        IpfeGroup.normalizeAll(baby);
        byX = new HashMap<>(2 * this.babySteps + 2);
        for (int j = 1; j <= this.babySteps; j++) {
            byX.putIfAbsent(baby[j].getAffineXCoord().toBigInteger().longValue(), j);
        }
        long width = 2L * this.babySteps + 1;
        giant = IpfeGroup.generatorTimes(BigInteger.valueOf(width)).normalize();
        giantSteps = Math.max(0, Math.ceilDiv(bound - this.babySteps, width));
    }

    /** A table sized to the bound: about sqrt(2 bound) baby steps, at least 256, at most 2^20. */
    public static BoundedDiscreteLog forBound(long bound) {
        long steps = (long) Math.ceil(Math.sqrt(2.0 * Math.max(1, bound)));
        return new BoundedDiscreteLog(bound, (int) Math.max(256, Math.min(1 << 20, steps)));
    }

    public long bound() {
        return bound;
    }

    public int babySteps() {
        return babySteps;
    }

    /** The v with g^v == {@code target} and |v| <= bound; throws when there is none. */
    public long solve(ECPoint target) {
        long width = 2L * babySteps + 1;
        ECPoint up = target.normalize();
        ECPoint down = up;
        for (long c = 0; c <= giantSteps; c++) {
            Long found = near(up);
            if (found != null) {
                return checked(c * width + found);
            }
            if (c > 0) {
                found = near(down);
                if (found != null) {
                    return checked(-c * width + found);
                }
            }
            up = up.subtract(giant).normalize();
            down = down.add(giant).normalize();
        }
        throw new InnerProductOutOfBoundException("the decrypted value is not g^v for any |v| <= " + bound
                + " (a value outside the bound, or a key" + " that does not belong to this vector)");
    }

    private long checked(long value) {
        if (Math.abs(value) > bound) {
            throw new InnerProductOutOfBoundException(
                    "the inner product " + value + " is outside the bound |v| <= " + bound);
        }
        return value;
    }

    /** d in [-m, m] with point == g^d, or null. */
    private Long near(ECPoint point) {
        if (point.isInfinity()) {
            return 0L;
        }
        Integer j = byX.get(point.getAffineXCoord().toBigInteger().longValue());
        if (j == null) {
            return null;
        }
        if (baby[j].equals(point)) {
            return (long) j;
        }
        if (baby[j].negate().equals(point)) {
            return (long) -j;
        }
        return null;
    }
}
