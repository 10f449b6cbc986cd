package io.learnchain.chain.privacy;

import io.learnchain.learn.compute.ComputePool;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Every ciphertext of an encrypted data set decoded and checked once, kept as affine coordinates
 * (64 bytes a point, count x (n + 1) x 64 bytes in all: 75 MB for 6,000 samples at n = 196), so a
 * miner that opens the same blob every round pays the point decompressions (a square root each)
 * once per task instead of once per round. Reading a point back costs two field conversions.
 */
public final class DecodedCiphertexts {
    private final EncryptedDataset data;
    private final byte[] affine;
    private final int pointsPerSample;
    private final boolean[] decoded;

    /** Decodes every ciphertext of {@code data} (strictly: a bad point names its sample) on {@code pool}. */
    public DecodedCiphertexts(EncryptedDataset data, ComputePool pool) {
        this(data);
        int count = data.count();
        int blocks = Math.ceilDiv(count, RoundFeatures.SAMPLES_PER_TASK);
        pool.forEach(blocks, block -> {
            int end = Math.min(count, (block + 1) * RoundFeatures.SAMPLES_PER_TASK);
            for (int i = block * RoundFeatures.SAMPLES_PER_TASK; i < end; i++) {
                ciphertext(i);
            }
        });
    }

    private DecodedCiphertexts(EncryptedDataset data) {
        this.data = Objects.requireNonNull(data, "data");
        this.pointsPerSample = data.quantizer().dimension() + 1;
        long bytes = (long) data.count() * pointsPerSample * IpfeGroup.AFFINE_BYTES;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("decoded ciphertexts of " + data.count() + " samples need " + bytes
                    + " bytes, more than one array holds: read the blob sample by sample instead");
        }
        this.affine = new byte[(int) bytes];
        this.decoded = new boolean[data.count()];
    }

    /**
     * Nothing decoded yet: each sample is decoded the first time it is read and kept (a miner spreads
     * the cost over its first round's decryption). Reads of distinct samples may run on different
     * threads; a later reader must come after them in happens-before order (as after a pool's join).
     */
    public static DecodedCiphertexts lazy(EncryptedDataset data) {
        return new DecodedCiphertexts(data);
    }

    public EncryptedDataset data() {
        return data;
    }

    /** Sample {@code i}'s ciphertext: decoded from the blob the first time, then rebuilt from its checked coordinates. */
    public Ciphertext ciphertext(int i) {
        Objects.checkIndex(i, data.count());
        int base = i * pointsPerSample * IpfeGroup.AFFINE_BYTES;
        if (!decoded[i]) {
            Ciphertext ct = data.ciphertext(i);
            IpfeGroup.writeAffine(ct.head(), affine, base);
            for (int p = 0; p < ct.body().size(); p++) {
                IpfeGroup.writeAffine(ct.body().get(p), affine, base + (p + 1) * IpfeGroup.AFFINE_BYTES);
            }
            decoded[i] = true;
            return ct;
        }
        ECPoint head = IpfeGroup.readCheckedAffine(affine, base);
        ECPoint[] body = new ECPoint[pointsPerSample - 1];
        for (int p = 0; p < body.length; p++) {
            body[p] = IpfeGroup.readCheckedAffine(affine, base + (p + 1) * IpfeGroup.AFFINE_BYTES);
        }
        return new Ciphertext(head, List.of(body));
    }
}
