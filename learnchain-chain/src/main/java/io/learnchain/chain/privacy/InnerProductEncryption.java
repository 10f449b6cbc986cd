package io.learnchain.chain.privacy;

import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The DDH-based inner-product functional encryption of Abdalla, Bourse, De Caro and Pointcheval
 * (PKC 2015, "Simple Functional Encryption Schemes for Inner Products", section 3), on the group
 * of {@link IpfeGroup}:
 *
 * <ul>
 *   <li>Setup: s uniform in Z_q^n; msk = s, mpk = (h_i = g^{s_i}).</li>
 *   <li>Encrypt(mpk, x): r uniform in Z_q; ct_0 = g^r, ct_i = h_i^r g^{x_i}.</li>
 *   <li>KeyDer(msk, y): sk_y = <s, y> mod q.</li>
 *   <li>Decrypt(mpk, ct, sk_y, y): prod ct_i^{y_i} / ct_0^{sk_y} = g^{<x, y>}, then the bounded
 *       discrete logarithm.</li>
 * </ul>
 *
 * Vectors x and y are small integers (a quantized sample, an SML weight row). Randomness comes from
 * the caller ({@link EntropySource}); decryption and the key check are deterministic.
 */
public final class InnerProductEncryption {
    private InnerProductEncryption() {}

    /** Setup(n): a fresh master key of dimension n; its public key is {@link MasterSecretKey#publicKey()}. */
    public static MasterSecretKey setup(int n, EntropySource entropy) {
        if (n < 1 || n > MasterPublicKey.MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension " + n + " outside 1.." + MasterPublicKey.MAX_DIMENSION);
        }
        BigInteger[] s = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            s[i] = IpfeGroup.randomScalar(entropy);
        }
        return new MasterSecretKey(List.of(s));
    }

    /** Encrypt(mpk, x) as the paper defines it: anyone holding the public key can do this. */
    public static Ciphertext encrypt(MasterPublicKey mpk, int[] x, EntropySource entropy) {
        return encrypt(mpk, x, IpfeGroup.randomScalar(entropy));
    }

    static Ciphertext encrypt(MasterPublicKey mpk, int[] x, BigInteger r) {
        checkDimension(mpk.dimension(), x.length, "x");
        ECPoint[] body = new ECPoint[x.length];
        for (int i = 0; i < x.length; i++) {
            body[i] = mpk.h().get(i).multiply(r).add(IpfeGroup.generatorTimes(BigInteger.valueOf(x[i])));
        }
        return new Ciphertext(IpfeGroup.generatorTimes(r), List.of(body));
    }

    /**
     * The same ciphertext, computed by the holder of the master key: h_i^r g^{x_i} = g^{r s_i + x_i},
     * one fixed-base multiplication by g per coordinate instead of a variable-base one by h_i. This
     * is how a data node encrypts its own training set.
     */
    public static Ciphertext encrypt(MasterSecretKey msk, int[] x, EntropySource entropy) {
        return encrypt(msk, x, IpfeGroup.randomScalar(entropy));
    }

    static Ciphertext encrypt(MasterSecretKey msk, int[] x, BigInteger r) {
        checkDimension(msk.dimension(), x.length, "x");
        ECPoint[] body = new ECPoint[x.length];
        for (int i = 0; i < x.length; i++) {
            body[i] = IpfeGroup.generatorTimes(r.multiply(msk.s().get(i)).add(BigInteger.valueOf(x[i])));
        }
        return new Ciphertext(IpfeGroup.generatorTimes(r), List.of(body));
    }

    /** KeyDer(msk, y) = <s, y> mod q. */
    public static FunctionalKey deriveKey(MasterSecretKey msk, int[] y) {
        checkDimension(msk.dimension(), y.length, "y");
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0) {
                sum = sum.add(msk.s().get(i).multiply(BigInteger.valueOf(y[i])));
            }
        }
        return new FunctionalKey(sum.mod(IpfeGroup.order()));
    }

    /**
     * Whether {@code key} is sk_y for this public key: g^{sk_y} == prod h_i^{y_i}. Every node can
     * check a published key this way, without the master key.
     */
    public static boolean keyMatches(MasterPublicKey mpk, int[] y, FunctionalKey key) {
        checkDimension(mpk.dimension(), y.length, "y");
        return IpfeGroup.generatorTimes(key.value()).equals(WeightedSum.of(mpk.h(), y));
    }

    /** g^{<x, y>} = prod ct_i^{y_i} / ct_0^{sk_y}. */
    public static ECPoint decryptToGroup(Ciphertext ct, int[] y, FunctionalKey key) {
        checkDimension(ct.dimension(), y.length, "y");
        return WeightedSum.of(ct.body(), y).subtract(ct.head().multiply(key.value()));
    }

    /** Decrypt: <x, y>, or {@link InnerProductOutOfBoundException} when it is not within the table's bound. */
    public static long decrypt(Ciphertext ct, int[] y, FunctionalKey key, BoundedDiscreteLog log) {
        return log.solve(decryptToGroup(ct, y, key));
    }

    private static void checkDimension(int expected, int actual, String what) {
        if (expected != actual) {
            throw new IllegalArgumentException(what + " has dimension " + actual + ", the key " + expected);
        }
    }
}
