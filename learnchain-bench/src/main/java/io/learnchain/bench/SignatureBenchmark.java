package io.learnchain.bench;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of an Ed25519 signature and its check on a 200-byte message (the size of a transfer
 * or a block header): learnchain's keys (BouncyCastle, with the JDK deciding the cases where its
 * answer could differ, docs/ledger.md) side by side with the JDK provider alone, which was the
 * implementation before. {@code verifyFreshKey} builds the public key each time, so it pays the
 * once-per-key subgroup check, as a transaction from a new sender does. Run with
 * {@code scripts/bench-jmh.sh SignatureBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureBenchmark {
    private final byte[] message = new byte[200];
    private KeyPair keys;
    private Signature signature;
    private byte[] publicKeyBytes;
    private java.security.PrivateKey jdkPrivate;
    private java.security.PublicKey jdkPublic;

    @Setup
    public void setUp() throws GeneralSecurityException {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (31 * i + 7);
        }
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) i;
        }
        keys = KeyPair.fromSeed(seed);
        signature = keys.sign(message);
        publicKeyBytes = keys.publicKey().bytes().toArray();
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        jdkPrivate = factory.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        jdkPublic = jdkPublicKey(factory);
    }

    /** The JDK's key for the same encoding (RFC 8032: y little-endian, x's parity in the top bit). */
    private java.security.PublicKey jdkPublicKey(KeyFactory factory) throws GeneralSecurityException {
        byte[] raw = publicKeyBytes.clone();
        boolean xOdd = (raw[31] & 0x80) != 0;
        raw[31] &= 0x7F;
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = raw[31 - i];
        }
        return factory.generatePublic(new java.security.spec.EdECPublicKeySpec(
                NamedParameterSpec.ED25519,
                new java.security.spec.EdECPoint(xOdd, new java.math.BigInteger(1, bigEndian))));
    }

    @Benchmark
    public Signature signLearnchain() {
        return keys.sign(message);
    }

    @Benchmark
    public byte[] signJdk() throws GeneralSecurityException {
        java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
        signer.initSign(jdkPrivate);
        signer.update(message);
        return signer.sign();
    }

    @Benchmark
    public boolean verifyLearnchain() {
        return keys.publicKey().verify(message, signature);
    }

    @Benchmark
    public boolean verifyFreshKey() {
        return PublicKey.of(publicKeyBytes).verify(message, signature);
    }

    @Benchmark
    public boolean verifyJdk() throws GeneralSecurityException {
        java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
        verifier.initVerify(jdkPublic);
        verifier.update(message);
        return verifier.verify(signature.bytes().toArray());
    }
}
