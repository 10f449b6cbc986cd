package io.learnchain.chain.privacy;

import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

/**
 * prod P_i^{y_i} (additively: sum y_i P_i) for small integer weights y_i, the product at the heart
 * of decryption and of the functional-key check. Points go into buckets by |y_i| (negated when
 * y_i < 0); then sum_v v B_v is a running sum from the largest |y_i| down: about n + 2 max|y_i|
 * additions and no scalar multiplication. Large weights fall back to one multiplication each.
 */
public final class WeightedSum {
    /** Weights up to this magnitude go into buckets; larger ones are multiplied directly. */
    static final int MAX_BUCKETED = 1 << 12;

    private WeightedSum() {}

    /** sum y_i P_i; {@code points} and {@code weights} have the same length. */
    public static ECPoint of(List<ECPoint> points, int[] weights) {
        if (points.size() != weights.length) {
            throw new IllegalArgumentException(
                    "weights of dimension " + weights.length + " for " + points.size() + " points");
        }
        int largest = 0;
        for (int weight : weights) {
            largest = Math.max(largest, Math.abs(weight));
        }
        ECPoint infinity = IpfeGroup.identity();
        if (largest > MAX_BUCKETED || weights.length < 2) {
            ECPoint sum = infinity;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] != 0) {
                    sum = sum.add(points.get(i)
                            .multiply(BigInteger.valueOf(weights[i]).mod(IpfeGroup.order())));
                }
            }
            return sum;
        }
        ECPoint[] buckets = new ECPoint[largest + 1];
        for (int i = 0; i < weights.length; i++) {
            int weight = weights[i];
            if (weight == 0) {
                continue;
            }
            ECPoint point = weight > 0 ? points.get(i) : points.get(i).negate();
            int magnitude = Math.abs(weight);
            buckets[magnitude] = buckets[magnitude] == null ? point : buckets[magnitude].add(point);
        }
        ECPoint running = infinity;
        ECPoint total = infinity;
        for (int v = largest; v >= 1; v--) {
            if (buckets[v] != null) {
                running = running.add(buckets[v]);
            }
            total = total.add(running);
        }
        return total;
    }
}
