package io.learnchain.chain.work;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.OutputPermutation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The secure mapping layer (PoLe's SML) of a round: a permutation pi of the class labels [0, C),
 * a Fisher-Yates shuffle by {@code SplitMix64(roundKey.firstLongLE())} of the identity. Models of
 * the round are trained to predict pi(y) and scored by argmax == pi(y), so a model trained for
 * another parent (another round key) scores about 1/C. A label permutation leaves learnability
 * unchanged for every architecture, unlike an input transform (see docs/protocol.md).
 */
public final class SecureMappingLayer {
    private static final byte[] ROUND_DOMAIN = "learnchain/round-key/v1".getBytes(StandardCharsets.US_ASCII);
    private final Hash roundKey;
    private final int[] forward;
    private final int[] inverse;

    public SecureMappingLayer(Hash roundKey, int classes) {
        this.roundKey = Objects.requireNonNull(roundKey, "roundKey");
        if (classes < 2) {
            throw new IllegalArgumentException("a mapping layer needs at least 2 classes, got " + classes);
        }
        forward = new int[classes];
        for (int i = 0; i < classes; i++) {
            forward[i] = i;
        }
        new SplitMix64(roundKey.firstLongLE()).shuffle(forward);
        inverse = new int[classes];
        for (int i = 0; i < classes; i++) {
            inverse[forward[i]] = i;
        }
    }

    /** The round key H(domain, previous hash, task id): seeds the mapping layer of the round on {@code previous}. */
    public static Hash roundKey(Hash previous, long taskId) {
        CanonicalWriter out = new CanonicalWriter(64);
        out.raw(ROUND_DOMAIN).hash(previous).i64(taskId);
        return Hash.sha256(out.toByteArray());
    }

    /** The layer of task {@code taskId}'s round on {@code previous}. */
    public static SecureMappingLayer ofRound(Hash previous, long taskId, int classes) {
        return new SecureMappingLayer(roundKey(previous, taskId), classes);
    }

    public Hash roundKey() {
        return roundKey;
    }

    public int classes() {
        return forward.length;
    }

    /** pi(label). */
    public int map(int label) {
        return forward[label];
    }

    /** pi^-1(mapped): the true class of a mapped prediction. */
    public int unmap(int mapped) {
        return inverse[mapped];
    }

    /**
     * The requester's model: {@code mapped} (trained under this layer, output pi(y) scores class y)
     * with pi^-1 composed into its last trainable layer, so output y scores class y. Moves weights
     * only ({@link OutputPermutation}); fails for a spec whose outputs cannot be reordered that way.
     */
    public Model unmap(Model mapped) {
        if (mapped.spec().outputSize() != forward.length) {
            throw new IllegalArgumentException("a model of " + mapped.spec().outputSize() + " outputs under a mapping"
                    + " layer of " + forward.length + " classes");
        }
        return OutputPermutation.apply(mapped, forward);
    }

    /** The permutation as an array (a copy). */
    public int[] permutation() {
        return forward.clone();
    }

    /** {@code data} with every label y replaced by pi(y) (features shared, never copied). */
    public Dataset relabel(Dataset data) {
        if (data.classes() != forward.length) {
            throw new IllegalArgumentException("data set " + data.name() + " has " + data.classes()
                    + " classes, the mapping layer " + forward.length);
        }
        int[] labels = data.labels();
        int[] mapped = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            mapped[i] = forward[labels[i]];
        }
        return new Dataset(data.name(), data.sampleShape(), data.classes(), data.features(), mapped);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecureMappingLayer s && Arrays.equals(forward, s.forward) && roundKey.equals(s.roundKey);
    }

    @Override
    public int hashCode() {
        return roundKey.hashCode();
    }

    @Override
    public String toString() {
        return "SecureMappingLayer[" + roundKey.shortHex() + " " + Arrays.toString(forward) + "]";
    }
}
