package io.learnchain.chain.privacy;

import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A private task's training blob: every sample quantized ({@link InputQuantizer}) and encrypted
 * under the data node's master key, the labels in the clear. Encoding (version 1): "LCED", version
 * byte 1, the quantizer (height, width, pool, levels as i32), classes (i32), count (i32), the master
 * public key's n points (33 bytes each), count labels (one byte each), then count ciphertexts of
 * (n + 1) points each. The header, the key and the labels are checked when the blob is decoded;
 * each ciphertext when it is read ({@link #ciphertext(int)}), so opening a 39 MB blob costs no
 * 1.2 million square roots up front.
 */
public final class EncryptedDataset {
    private static final byte[] MAGIC = "LCED".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    /** Most samples a blob may hold. */
    public static final int MAX_SAMPLES = 1 << 20;

    private final InputQuantizer quantizer;
    private final int classes;
    private final MasterPublicKey publicKey;
    private final int[] labels;
    private final byte[] ciphertexts;

    private EncryptedDataset(
            InputQuantizer quantizer, int classes, MasterPublicKey publicKey, int[] labels, byte[] ciphertexts) {
        this.quantizer = Objects.requireNonNull(quantizer, "quantizer");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.dimension() != quantizer.dimension()) {
            throw new IllegalArgumentException("a master public key of dimension " + publicKey.dimension()
                    + " for samples of " + quantizer.dimension() + " values");
        }
        if (classes < 2 || classes > 256) {
            throw new IllegalArgumentException("an encrypted data set has 2..256 classes, got " + classes);
        }
        this.classes = classes;
        this.labels = labels;
        this.ciphertexts = ciphertexts;
    }

    /**
     * The data node's step: quantizes every sample of {@code clear} (values in [0, 1], samples of
     * the quantizer's input size) and encrypts it under {@code msk}.
     */
    public static EncryptedDataset encrypt(
            Dataset clear, InputQuantizer quantizer, MasterSecretKey msk, EntropySource entropy) {
        return encrypt(clear, quantizer, msk, entropy, ComputePool.serial());
    }

    /**
     * The same over the threads of {@code pool}: every sample's randomness is drawn first, in sample
     * order, from {@code entropy} (so a seeded source gives the same blob at any thread count), then
     * the samples are encrypted in parallel.
     */
    public static EncryptedDataset encrypt(
            Dataset clear, InputQuantizer quantizer, MasterSecretKey msk, EntropySource entropy, ComputePool pool) {
        if (clear.sampleSize() != quantizer.inputSize()) {
            throw new IllegalArgumentException("data set " + clear.name() + " has samples of " + clear.sampleSize()
                    + " values, the quantizer reads " + quantizer.inputSize());
        }
        if (msk.dimension() != quantizer.dimension()) {
            throw new IllegalArgumentException(
                    "a master key of dimension " + msk.dimension() + " for samples of " + quantizer.dimension());
        }
        int each = Ciphertext.encodedBytes(quantizer.dimension());
        int count = clear.count();
        byte[] body = new byte[Math.multiplyExact(count, each)];
        BigInteger[] r = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            r[i] = IpfeGroup.randomScalar(entropy);
        }
        int blocks = Math.ceilDiv(count, RoundFeatures.SAMPLES_PER_TASK);
        pool.forEach(blocks, block -> {
            int end = Math.min(count, (block + 1) * RoundFeatures.SAMPLES_PER_TASK);
            for (int i = block * RoundFeatures.SAMPLES_PER_TASK; i < end; i++) {
                int[] x = quantizer.quantize(clear.features(), i * clear.sampleSize());
                byte[] ct = InnerProductEncryption.encrypt(msk, x, r[i]).encode();
                System.arraycopy(ct, 0, body, i * each, each);
            }
        });
        return new EncryptedDataset(
                quantizer, clear.classes(), msk.publicKey(), clear.labels().clone(), body);
    }

    public InputQuantizer quantizer() {
        return quantizer;
    }

    public int classes() {
        return classes;
    }

    public MasterPublicKey publicKey() {
        return publicKey;
    }

    public int count() {
        return labels.length;
    }

    /** The label of sample {@code i} (labels are not encrypted). */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Sample {@code i}'s ciphertext, decoded and checked point by point. */
    public Ciphertext ciphertext(int i) {
        Objects.checkIndex(i, labels.length);
        int n = quantizer.dimension();
        try {
            return Ciphertext.decode(ciphertexts, i * Ciphertext.encodedBytes(n), n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sample " + i + " of the encrypted data set: " + e.getMessage(), e);
        }
    }

    /** The canonical encoding (see the class comment). */
    public byte[] encode() {
        int n = quantizer.dimension();
        CanonicalWriter out = new CanonicalWriter(64 + n * IpfeGroup.POINT_BYTES + labels.length + ciphertexts.length);
        out.raw(MAGIC).u8(VERSION);
        out.i32(quantizer.height()).i32(quantizer.width()).i32(quantizer.pool()).i32(quantizer.levels());
        out.i32(classes).i32(labels.length);
        byte[] key = publicKey.encode();
        out.raw(Arrays.copyOfRange(key, 4, key.length));
        byte[] labelBytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labelBytes[i] = (byte) labels[i];
        }
        out.raw(labelBytes).raw(ciphertexts);
        return out.toByteArray();
    }

    /** Decodes {@link #encode()}'s bytes; throws {@link CodecException} for anything else. */
    public static EncryptedDataset decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        if (!Arrays.equals(in.raw(MAGIC.length), MAGIC)) {
            throw new CodecException("not an encrypted data set (no LCED magic)");
        }
        in.version(VERSION, "encrypted data set");
        int height = in.i32();
        int width = in.i32();
        int pool = in.i32();
        int levels = in.i32();
        InputQuantizer quantizer = in.guard(() -> new InputQuantizer(height, width, pool, levels));
        int classes = in.i32();
        int count = in.i32();
        if (count < 1 || count > MAX_SAMPLES) {
            throw new CodecException("an encrypted data set holds 1.." + MAX_SAMPLES + " samples, got " + count);
        }
        int n = quantizer.dimension();
        if (n > MasterPublicKey.MAX_DIMENSION) {
            throw new CodecException("samples of " + n + " values exceed " + MasterPublicKey.MAX_DIMENSION);
        }
        long expected = (long) n * IpfeGroup.POINT_BYTES + count + (long) count * Ciphertext.encodedBytes(n);
        if (in.remaining() != expected) {
            throw new CodecException("an encrypted data set of " + count + " samples of " + n + " values needs "
                    + expected + " bytes after its header, got " + in.remaining());
        }
        byte[] key = new byte[4 + n * IpfeGroup.POINT_BYTES];
        key[0] = (byte) (n >>> 24);
        key[1] = (byte) (n >>> 16);
        key[2] = (byte) (n >>> 8);
        key[3] = (byte) n;
        System.arraycopy(in.raw(n * IpfeGroup.POINT_BYTES), 0, key, 4, n * IpfeGroup.POINT_BYTES);
        MasterPublicKey publicKey = in.guard(() -> MasterPublicKey.decode(key));
        byte[] labelBytes = in.raw(count);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = labelBytes[i] & 0xff;
            if (labels[i] >= classes) {
                throw new CodecException("label " + labels[i] + " of sample " + i + " is not below " + classes);
            }
        }
        byte[] ciphertexts = in.raw(Math.toIntExact((long) count * Ciphertext.encodedBytes(n)));
        in.expectEnd();
        return in.guard(() -> new EncryptedDataset(quantizer, classes, publicKey, labels, ciphertexts));
    }
}
