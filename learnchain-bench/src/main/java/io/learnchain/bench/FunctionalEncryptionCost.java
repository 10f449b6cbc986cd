package io.learnchain.bench;

import io.learnchain.base.Hash;
import io.learnchain.chain.privacy.BoundedDiscreteLog;
import io.learnchain.chain.privacy.Ciphertext;
import io.learnchain.chain.privacy.DecodedCiphertexts;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InnerProductEncryption;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/**
 * Issue 20's cost figures for a private task: the data node's encryption per sample, its key
 * derivation per round (k keys) and every node's check of them, a miner's ciphertext decoding per
 * sample and decryption per sample per SML row (baby-step giant-step included), on the bundled
 * Fashion-MNIST subset's first samples; extrapolated to the subset (6,000) and the full set (60,000).
 * One thread; times are the thread's CPU time (the machine is shared), wall time beside them.
 *
 * <p>Usage: {@code scripts/bench-ipfe.sh [K] [POOL] [INPUT_LEVELS] [WEIGHT_RANGE] [SAMPLES]}.
 */
public final class FunctionalEncryptionCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FunctionalEncryptionCost() {}

    public static void main(String[] args) {
        int k = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int pool = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int levels = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int weightRange = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int samples = args.length > 4 ? Integer.parseInt(args[4]) : 40;
        Dataset train = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN);
        int inputSize = train.sampleSize();
        InputQuantizer quantizer = new InputQuantizer(28, 28, pool, levels);
        ProjectionSpec spec = new ProjectionSpec(quantizer, k, weightRange);
        int n = spec.dimension();
        EntropySource entropy = new SecureRandom()::nextBytes;
        System.out.printf(
                Locale.ROOT,
                "private task: 28x28 pooled %dx%d to n=%d, k=%d, inputs 0..%d, weights -%d..%d, bound |<x,y>| <= %d; %d samples timed%n",
                pool,
                pool,
                n,
                k,
                levels,
                weightRange,
                weightRange,
                spec.bound(),
                samples);

        Timer timer = new Timer();
        MasterSecretKey msk = InnerProductEncryption.setup(n, entropy);
        var mpk = msk.publicKey();
        timer.report("setup (master key, n points)", 1);

        // Warm-up: JIT the curve arithmetic before anything is timed.
        for (int i = 0; i < 5; i++) {
            InnerProductEncryption.encrypt(msk, quantizer.quantize(train.features(), i * inputSize), entropy)
                    .encode();
        }
        timer = new Timer();
        byte[][] blobs = new byte[samples][];
        int[][] quantized = new int[samples][];
        for (int i = 0; i < samples; i++) {
            quantized[i] = quantizer.quantize(train.features(), i * inputSize);
            blobs[i] =
                    InnerProductEncryption.encrypt(msk, quantized[i], entropy).encode();
        }
        double encrypt = timer.report("encrypt + encode, per sample (data node)", samples);

        int[][] rows = spec.weights(Hash.sha256(new byte[] {1}));
        timer = new Timer();
        FunctionalKey[] keys = new FunctionalKey[k];
        for (int j = 0; j < k; j++) {
            keys[j] = InnerProductEncryption.deriveKey(msk, rows[j]);
        }
        double derive = timer.report("derive k keys, per round (data node)", 1);
        timer = new Timer();
        for (int j = 0; j < k; j++) {
            if (!InnerProductEncryption.keyMatches(mpk, rows[j], keys[j])) {
                throw new AssertionError("key " + j + " does not match");
            }
        }
        double check = timer.report("check k keys, per round (every node)", 1);

        timer = new Timer();
        BoundedDiscreteLog log = BoundedDiscreteLog.forBound(spec.bound());
        double table = timer.report("baby-step table (" + log.babySteps() + " steps), once per node", 1);

        for (int i = 0; i < 3; i++) {
            Ciphertext ct = Ciphertext.decode(blobs[i], 0, n);
            InnerProductEncryption.decrypt(ct, rows[0], keys[0], log);
        }
        timer = new Timer();
        Ciphertext[] decoded = new Ciphertext[samples];
        for (int i = 0; i < samples; i++) {
            decoded[i] = Ciphertext.decode(blobs[i], 0, n);
        }
        double decode = timer.report("decode ciphertext, per sample (miner)", samples);
        EncryptedDataset blob = EncryptedDataset.encrypt(firstSamples(train, samples), quantizer, msk, entropy);
        DecodedCiphertexts cache = new DecodedCiphertexts(blob, ComputePool.serial());
        cache.ciphertext(0);
        timer = new Timer();
        for (int i = 0; i < samples; i++) {
            cache.ciphertext(i);
        }
        double cachedRead = timer.report("read a ciphertext decoded once per task (miner)", samples);
        timer = new Timer();
        long maxAbs = 0;
        for (int i = 0; i < samples; i++) {
            long[] clear = ProjectionSpec.project(quantized[i], rows);
            for (int j = 0; j < k; j++) {
                long v = InnerProductEncryption.decrypt(decoded[i], rows[j], keys[j], log);
                if (v != clear[j]) {
                    throw new AssertionError("sample " + i + " row " + j + ": " + v + " != " + clear[j]);
                }
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        double decrypt = timer.report("decrypt, per sample per SML row (miner, BSGS included)", (long) samples * k);
        System.out.printf(Locale.ROOT, "largest |<x,y>| seen: %d (bound %d)%n", maxAbs, spec.bound());

        int perSample = Ciphertext.encodedBytes(n);
        for (int count : new int[] {6_000, 60_000}) {
            double miner = count * (decode + k * decrypt);
            double minerCached = count * (cachedRead + k * decrypt);
            System.out.printf(
                    Locale.ROOT,
                    "%,d samples: blob %.1f MB; data node encrypts in %.1f s once, derives keys in %.3f s a round;"
                            + " every node checks keys in %.3f s a round; a miner decrypts the round's features"
                            + " in %.1f s (decode %.1f s + %d rows %.1f s), one core; %.1f s a round with the"
                            + " ciphertexts decoded once per task (%.0f MB held)%n",
                    count,
                    count * (double) perSample / 1e6,
                    count * encrypt,
                    derive,
                    check,
                    miner,
                    count * decode,
                    k,
                    count * k * decrypt,
                    minerCached,
                    count * (double) (n + 1) * 64 / 1e6);
        }
        System.out.printf(Locale.ROOT, "table build %.3f s%n", table);
    }

    private static Dataset firstSamples(Dataset data, int count) {
        int size = data.sampleSize();
        return new Dataset(
                data.name(),
                data.sampleShape(),
                data.classes(),
                Arrays.copyOf(data.features(), count * size),
                Arrays.copyOf(data.labels(), count));
    }

    /** Thread CPU time and wall time since construction. */
    private static final class Timer {
        private final long cpu0 = THREADS.getCurrentThreadCpuTime();
        private final long wall0 = System.nanoTime();

        /** Prints the time per item; returns CPU seconds per item. */
        double report(String what, long items) {
            double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9 / items;
            double wall = (System.nanoTime() - wall0) / 1e9 / items;
            System.out.printf(Locale.ROOT, "%-58s %10.3f ms cpu %10.3f ms wall%n", what, cpu * 1e3, wall * 1e3);
            return cpu;
        }
    }
}
