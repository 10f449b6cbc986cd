package io.learnchain.base.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.crypto.Ed25519Reference.Point;
import io.learnchain.base.rng.SplitMix64;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * Which signatures are valid is a consensus rule: {@link PublicKey#verify} (BouncyCastle first, the
 * JDK where BouncyCastle's answer could differ) must answer as the JDK provider alone does, on the
 * signatures honest signers make and on the ones only an attacker crafts: small-order and mixed-order
 * keys, R values with a torsion component, S not reduced, non-canonical encodings. Each case also
 * records BouncyCastle's own answer, to show the guards are needed (it differs from the JDK on some).
 */
class SignatureRuleTest {
    private static final SplitMix64 RNG = new SplitMix64(20261207L);

    private record Case(String what, PublicKey key, byte[] message, byte[] signature) {
        boolean rule() {
            return key.jdkVerify(message, signature);
        }

        boolean ours() {
            return key.verify(message, Signature.of(signature));
        }

        boolean bouncyCastleAlone() {
            try {
                return Ed25519.verify(signature, 0, key.bytes().toArray(), 0, message, 0, message.length);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    @Test
    void answersAsTheJdkOnHonestTamperedAndCraftedSignatures() {
        List<Case> cases = new ArrayList<>();
        honestAndTampered(cases);
        smallOrderKeys(cases);
        mixedOrderKeys(cases);
        torsionInR(cases);
        unreducedAndNonCanonical(cases);

        int accepted = 0;
        int bouncyCastleDiffers = 0;
        List<String> disagreements = new ArrayList<>();
        for (Case c : cases) {
            boolean rule = c.rule();
            if (c.ours() != rule) {
                disagreements.add(c.what() + ": the JDK says " + rule);
            }
            accepted += rule ? 1 : 0;
            bouncyCastleDiffers += c.bouncyCastleAlone() != rule ? 1 : 0;
        }
        System.out.printf(
                "signature rule: %d cases, %d valid by the rule, BouncyCastle alone answers differently on %d%n",
                cases.size(), accepted, bouncyCastleDiffers);
        assertThat(disagreements).as("cases where verify differs from the JDK").isEmpty();
        // Not hollow: valid and invalid cases both, and cases where BouncyCastle alone is wrong.
        assertThat(accepted).isGreaterThan(200);
        assertThat(cases.size() - accepted).isGreaterThan(200);
        assertThat(bouncyCastleDiffers).as("cases that need the guards").isPositive();
    }

    @Test
    void aKeyWithATorsionComponentSignsOnlyWhenTheHashKillsIt() {
        // The JDK's rule is cofactorless: a mixed-order key A + T is valid only where [k]T = 0.
        List<Case> cases = new ArrayList<>();
        mixedOrderKeys(cases);
        assertThat(cases.stream().filter(Case::rule).count()).isPositive();
        assertThat(cases.stream().filter(c -> !c.rule()).count()).isPositive();
        for (Case c : cases) {
            assertThat(c.ours()).as(c.what()).isEqualTo(c.rule());
        }
    }

    private static byte[] message(int i) {
        return ("transfer " + i + " " + RNG.nextLong()).getBytes(StandardCharsets.UTF_8);
    }

    private static BigInteger scalar() {
        return new BigInteger(256, new java.util.Random(RNG.nextLong())).mod(Ed25519Reference.L);
    }

    private static byte[] seed() {
        byte[] seed = new byte[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (byte) RNG.nextInt(256);
        }
        return seed;
    }

    private static void honestAndTampered(List<Case> cases) {
        for (int i = 0; i < 200; i++) {
            KeyPair keys = KeyPair.fromSeed(seed());
            byte[] message = message(i);
            byte[] good = keys.sign(message).bytes().toArray();
            cases.add(new Case("honest " + i, keys.publicKey(), message, good));
            byte[] flipped = good.clone();
            flipped[RNG.nextInt(64)] ^= (byte) (1 << RNG.nextInt(8));
            cases.add(new Case("bit flip " + i, keys.publicKey(), message, flipped));
            cases.add(new Case("other message " + i, keys.publicKey(), message(i), good));
        }
    }

    /** The identity and points of order 2, 4 and 8 as keys, with signatures the JDK's rule accepts. */
    private static void smallOrderKeys(List<Case> cases) {
        Point t = Ed25519Reference.orderEight();
        for (int m = 0; m < 8; m++) {
            Point a = t.times(BigInteger.valueOf(m));
            PublicKey key = PublicKey.of(a.encode());
            int valid = 0;
            for (int i = 0; i < 48 && valid < 2; i++) {
                BigInteger r = scalar();
                byte[] rBytes = Ed25519Reference.BASE.times(r).encode();
                byte[] message = message(i);
                BigInteger k = Ed25519Reference.hashToScalar(rBytes, a.encode(), message);
                // [S]B - [k]A = R exactly when [k]A is the identity: S = r then.
                boolean killed = a.times(k).isIdentity();
                valid += killed ? 1 : 0;
                cases.add(new Case(
                        "small-order key [" + m + "]T, k " + (killed ? "kills" : "keeps") + " it",
                        key,
                        message,
                        Ed25519Reference.signature(rBytes, r)));
            }
        }
    }

    /** A + T for an honest key A = [a]B and T of order 8; S = r + k a. */
    private static void mixedOrderKeys(List<Case> cases) {
        for (int i = 0; i < 40; i++) {
            cases.add(signedWithTorsion("mixed-order key " + i, i, true));
        }
    }

    /** An honest key, R' = [r]B + T' for T' of order 2, 4 or 8; S = r + k a (what a cofactored check accepts). */
    private static void torsionInR(List<Case> cases) {
        for (int i = 0; i < 64; i++) {
            cases.add(signedWithTorsion("torsion in R " + i, i, false));
        }
    }

    /**
     * A signature S = r + k a by the secret a of [a]B, with the torsion point [1 + i mod 7]T (T of order 8)
     * added to the key ({@code onKey}) or to R.
     */
    private static Case signedWithTorsion(String what, int i, boolean onKey) {
        Point torsion = Ed25519Reference.orderEight().times(BigInteger.valueOf(1 + i % 7));
        BigInteger a = scalar();
        Point key = Ed25519Reference.BASE.times(a);
        BigInteger r = scalar();
        Point rPoint = Ed25519Reference.BASE.times(r);
        if (onKey) {
            key = key.add(torsion);
        } else {
            rPoint = rPoint.add(torsion);
        }
        byte[] rBytes = rPoint.encode();
        byte[] message = message(i);
        BigInteger k = Ed25519Reference.hashToScalar(rBytes, key.encode(), message);
        BigInteger s = r.add(k.multiply(a)).mod(Ed25519Reference.L);
        return new Case(what, PublicKey.of(key.encode()), message, Ed25519Reference.signature(rBytes, s));
    }

    /** S + L; R and keys written with y + p (the values of y below 19 have such a second encoding). */
    private static void unreducedAndNonCanonical(List<Case> cases) {
        for (int i = 0; i < 20; i++) {
            KeyPair keys = KeyPair.fromSeed(seed());
            byte[] message = message(i);
            byte[] sig = keys.sign(message).bytes().toArray();
            BigInteger s = Ed25519Encoding.littleEndian(java.util.Arrays.copyOfRange(sig, 32, 64));
            cases.add(new Case(
                    "S + L " + i,
                    keys.publicKey(),
                    message,
                    Ed25519Reference.signature(java.util.Arrays.copyOf(sig, 32), s.add(Ed25519Reference.L))));
        }
        for (int y = 0; y < 19; y++) {
            for (int sign = 0; sign < 2; sign++) {
                byte[] nonCanonical = Ed25519Reference.littleEndian(Ed25519Reference.P.add(BigInteger.valueOf(y)));
                nonCanonical[31] |= (byte) (sign << 7);
                Point point = Ed25519Reference.decode(nonCanonical);
                // As R: the signature a signer would make if it could choose R's encoding (S = r, key the identity).
                PublicKey identity = PublicKey.of(Point.IDENTITY.encode());
                cases.add(new Case(
                        "non-canonical R y=" + y + "+p sign " + sign,
                        identity,
                        message(y),
                        Ed25519Reference.signature(nonCanonical, BigInteger.ZERO)));
                // As a key: the honest-looking signature of the point it stands for, where it is one.
                if (point != null) {
                    BigInteger r = scalar();
                    byte[] rBytes = Ed25519Reference.BASE.times(r).encode();
                    cases.add(new Case(
                            "non-canonical key y=" + y + "+p sign " + sign,
                            PublicKey.of(nonCanonical),
                            message(y),
                            Ed25519Reference.signature(rBytes, r)));
                }
            }
        }
        // The identity as R with S = 0 under the identity key: [0]B - [k]O = O.
        PublicKey identity = PublicKey.of(Point.IDENTITY.encode());
        cases.add(new Case(
                "identity R, S 0, identity key",
                identity,
                message(0),
                Ed25519Reference.signature(Point.IDENTITY.encode(), BigInteger.ZERO)));
    }
}
