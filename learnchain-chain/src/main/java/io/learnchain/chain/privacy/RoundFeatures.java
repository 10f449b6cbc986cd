package io.learnchain.chain.privacy;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A miner's step in a private task's round: the round's k weight rows (from the round key), the k
 * functional keys the data node published for them, checked against the task's master public key,
 * then every sample's k inner products, decrypted and scaled into the model's inputs. The result is
 * bit-for-bit {@link ProjectionSpec#project} of the clear data: exact integers, one float scaling.
 */
public final class RoundFeatures {
    private static final byte[] FEATURES_DOMAIN =
            "learnchain/private-round-features/v1".getBytes(StandardCharsets.US_ASCII);

    /** Samples one pool task decrypts. */
    static final int SAMPLES_PER_TASK = 32;

    private RoundFeatures() {}

    /**
     * Whether {@code keys} are the round's keys: one per row, each g^{sk} == prod h_i^{y_i}. A node
     * checks a published set with this before it trains or verifies on it.
     */
    public static boolean keysMatch(ProjectionSpec spec, MasterPublicKey mpk, Hash roundKey, List<FunctionalKey> keys) {
        if (keys.size() != spec.width() || mpk.dimension() != spec.dimension()) {
            return false;
        }
        int[][] rows = spec.weights(roundKey);
        for (int j = 0; j < rows.length; j++) {
            if (!InnerProductEncryption.keyMatches(mpk, rows[j], keys.get(j))) {
                return false;
            }
        }
        return true;
    }

    /** The data node's k keys for the round of {@code roundKey}. */
    public static List<FunctionalKey> deriveKeys(ProjectionSpec spec, MasterSecretKey msk, Hash roundKey) {
        return Arrays.stream(spec.weights(roundKey))
                .map(row -> InnerProductEncryption.deriveKey(msk, row))
                .toList();
    }

    /**
     * The round's training set as the model sees it: samples of k features, the blob's labels.
     * Throws {@link IllegalArgumentException} when the keys are not the round's, the blob does not
     * fit the spec, or a ciphertext does not decode; {@link InnerProductOutOfBoundException} when a
     * decryption leaves the bound (a ciphertext of values outside the quantizer's range).
     */
    public static Dataset decrypt(
            EncryptedDataset data,
            ProjectionSpec spec,
            Hash roundKey,
            List<FunctionalKey> keys,
            BoundedDiscreteLog log,
            String name) {
        return decrypt(data, spec, roundKey, keys, log, name, ComputePool.serial());
    }

    /**
     * {@link #decrypt(EncryptedDataset, ProjectionSpec, Hash, List, BoundedDiscreteLog, String)} over
     * the threads of {@code pool}: each task decrypts a block of whole samples and writes only their
     * features (exact integers, one scaling each), so the bits do not depend on the thread count.
     */
    public static Dataset decrypt(
            EncryptedDataset data,
            ProjectionSpec spec,
            Hash roundKey,
            List<FunctionalKey> keys,
            BoundedDiscreteLog log,
            String name,
            ComputePool pool) {
        return decrypt(data, data::ciphertext, spec, roundKey, keys, log, name, pool);
    }

    /** The same from ciphertexts decoded once for the task ({@link DecodedCiphertexts}): the same bits. */
    public static Dataset decrypt(
            DecodedCiphertexts decoded,
            ProjectionSpec spec,
            Hash roundKey,
            List<FunctionalKey> keys,
            BoundedDiscreteLog log,
            String name,
            ComputePool pool) {
        return decrypt(decoded.data(), decoded::ciphertext, spec, roundKey, keys, log, name, pool);
    }

    private static Dataset decrypt(
            EncryptedDataset data,
            IntFunction<Ciphertext> ciphertexts,
            ProjectionSpec spec,
            Hash roundKey,
            List<FunctionalKey> keys,
            BoundedDiscreteLog log,
            String name,
            ComputePool pool) {
        if (!data.quantizer().equals(spec.input())) {
            throw new IllegalArgumentException(
                    "the encrypted data set was quantized as " + data.quantizer() + ", the task says " + spec.input());
        }
        if (log.bound() < spec.bound()) {
            throw new IllegalArgumentException(
                    "a discrete-log table for " + log.bound() + " cannot open projections up to " + spec.bound());
        }
        if (!keysMatch(spec, data.publicKey(), roundKey, keys)) {
            throw new IllegalArgumentException("the functional keys are not the keys of this round's rows");
        }
        int[][] rows = spec.weights(roundKey);
        float[] features = new float[data.count() * spec.width()];
        decryptRange(ciphertexts, spec, rows, keys, log, 0, data.count(), features, pool);
        return dataset(data, spec, name, features);
    }

    /**
     * Samples {@code from} (inclusive) to {@code to} (exclusive) of a round's decryption, written to
     * their places in {@code features} (count x k): a miner decrypts a round in such ranges between
     * its other work; the ranges put together are bit for bit {@link #decrypt}. The caller has checked
     * the keys ({@link #keysMatch}) and that the table's bound covers the spec's.
     */
    public static void decryptRange(
            IntFunction<Ciphertext> ciphertexts,
            ProjectionSpec spec,
            int[][] rows,
            List<FunctionalKey> keys,
            BoundedDiscreteLog log,
            int from,
            int to,
            float[] features,
            ComputePool pool) {
        int k = spec.width();
        if (rows.length != k || keys.size() != k || from < 0 || to < from || (long) to * k > features.length) {
            throw new IllegalArgumentException("a decryption range " + from + ".." + to + " of " + rows.length
                    + " rows and " + keys.size() + " keys into " + features.length + " features does not fit k = "
                    + k);
        }
        int blocks = Math.ceilDiv(to - from, SAMPLES_PER_TASK);
        pool.forEach(blocks, block -> {
            long[] projections = new long[k];
            int end = Math.min(to, from + (block + 1) * SAMPLES_PER_TASK);
            for (int i = from + block * SAMPLES_PER_TASK; i < end; i++) {
                Ciphertext ct = ciphertexts.apply(i);
                for (int j = 0; j < k; j++) {
                    projections[j] = InnerProductEncryption.decrypt(ct, rows[j], keys.get(j), log);
                }
                spec.toFeatures(projections, features, i * k);
            }
        });
    }

    /** The round's training set from its decrypted {@code features} (count x k) and the blob's labels. */
    public static Dataset dataset(EncryptedDataset data, ProjectionSpec spec, String name, float[] features) {
        return new Dataset(name, new int[] {spec.width()}, data.classes(), features, data.labels());
    }

    /**
     * H("learnchain/private-round-features/v1", training set, round key): names a round's decrypted
     * features in a node's cache ({@code BlobView.derived}); the keys need no place in it, since only
     * the round's keys pass {@link #keysMatch} and they are unique.
     */
    public static Hash cacheKey(Hash trainingSet, Hash roundKey) {
        CanonicalWriter out = new CanonicalWriter(112);
        out.raw(FEATURES_DOMAIN).hash(trainingSet).hash(roundKey);
        return Hash.sha256(out.toByteArray());
    }
}
