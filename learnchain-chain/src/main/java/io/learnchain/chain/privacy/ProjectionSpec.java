package io.learnchain.chain.privacy;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.format.InputProjection;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The integer side of a private task's secure mapping layer: samples quantized to {@code dimension}
 * integers in 0..levels ({@link InputQuantizer}), and each round projects them onto
 * {@code width} integer weight rows with entries in [-{@code weightRange}, {@code weightRange}],
 * derived from the round key. The projections are what a miner decrypts and trains on; their
 * magnitude is at most {@link #bound()}, which sizes the discrete-logarithm table.
 */
public record ProjectionSpec(InputQuantizer input, int width, int weightRange) {
    /** Most rows a layer may have. */
    public static final int MAX_WIDTH = 256;
    /** Largest quantization level (8-bit pixels). */
    public static final int MAX_INPUT_LEVELS = 255;
    /** Largest weight magnitude. */
    public static final int MAX_WEIGHT_RANGE = 127;

    private static final byte[] WEIGHTS_DOMAIN = "learnchain/sml-weights/v1".getBytes(StandardCharsets.US_ASCII);

    public ProjectionSpec {
        Objects.requireNonNull(input, "input");
        if (input.dimension() > MasterPublicKey.MAX_DIMENSION) {
            throw new IllegalArgumentException("a private task encrypts at most " + MasterPublicKey.MAX_DIMENSION
                    + " values per sample, got " + input.dimension() + " (pool more)");
        }
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("the SML width k must be in 1.." + MAX_WIDTH + ", got " + width);
        }
        if (weightRange < 1 || weightRange > MAX_WEIGHT_RANGE) {
            throw new IllegalArgumentException(
                    "the SML weight range must be in 1.." + MAX_WEIGHT_RANGE + ", got " + weightRange);
        }
    }

    /**
     * The defaults for images of {@code height} x {@code width} values (docs/benchmarks.md): 2x2
     * pooling when both sides are even, inputs 0..15, k = 16 rows of weights in {-1, 0, 1}.
     */
    public static ProjectionSpec defaultsFor(int height, int width) {
        int pool = height % 2 == 0 && width % 2 == 0 ? 2 : 1;
        return new ProjectionSpec(new InputQuantizer(height, width, pool, 15), 16, 1);
    }

    /**
     * The most rounds a private task may run: fewer than n / k, so that the rows of all its rounds
     * (k each) cannot span Z^n and the keys never determine a sample (docs/protocol.md 3.9).
     */
    public int maxRounds() {
        return (dimension() - 1) / width;
    }

    /** n, the length of an encrypted sample and of a weight row. */
    public int dimension() {
        return input.dimension();
    }

    /** The largest |<x, y>|: dimension x levels x weightRange. */
    public long bound() {
        return (long) dimension() * input.levels() * weightRange;
    }

    /**
     * The round's k weight rows: row j, entry i is uniform in [-weightRange, weightRange], drawn
     * from {@code SplitMix64.derive(seed, j)} with seed = first 8 bytes (little-endian) of
     * SHA-256("learnchain/sml-weights/v1" || round key).
     */
    public int[][] weights(Hash roundKey) {
        CanonicalWriter out = new CanonicalWriter(64);
        out.raw(WEIGHTS_DOMAIN).hash(roundKey);
        long seed = Hash.sha256(out.toByteArray()).firstLongLE();
        int dimension = dimension();
        int[][] rows = new int[width][dimension];
        for (int j = 0; j < width; j++) {
            SplitMix64 rng = SplitMix64.derive(seed, j);
            for (int i = 0; i < dimension; i++) {
                rows[j][i] = rng.nextInt(2 * weightRange + 1) - weightRange;
            }
        }
        return rows;
    }

    /**
     * The factor that turns a projection into a model input: 1 / (levels x weightRange x sqrt(n)),
     * as a float (StrictMath.sqrt, one rounding): projections of typical samples land in about
     * [-1, 1]. Every node multiplies the same exact integer by the same float.
     */
    public float featureScale() {
        return (float) (1.0 / (input.levels() * (double) weightRange * StrictMath.sqrt(dimension())));
    }

    /** The model input of sample {@code sample}'s projections: projection x {@link #featureScale()}. */
    public void toFeatures(long[] projections, float[] features, int offset) {
        float scale = featureScale();
        for (int j = 0; j < projections.length; j++) {
            features[offset + j] = (float) projections[j] * scale;
        }
    }

    /**
     * A data set in the clear (samples of the quantizer's input size) projected through the round's
     * rows: what a miner obtains by decryption, computed without it. Verification uses this on the
     * test shards, which stay in the clear.
     */
    public Dataset project(Dataset clear, int[][] rows) {
        if (clear.sampleSize() != input.inputSize()) {
            throw new IllegalArgumentException("data set " + clear.name() + " has samples of " + clear.sampleSize()
                    + " values, the private task's input has " + input.inputSize());
        }
        float[] features = new float[clear.count() * width];
        for (int i = 0; i < clear.count(); i++) {
            int[] x = input.quantize(clear.features(), i * clear.sampleSize());
            toFeatures(project(x, rows), features, i * width);
        }
        return new Dataset(clear.name() + "/projected", new int[] {width}, clear.classes(), features, clear.labels());
    }

    /**
     * The round's layer as an input stage for an exported model ({@code OnnxExporter.export(model,
     * projection)}): a model trained on the round's features then reads raw samples, as the
     * requester holds them.
     */
    public InputProjection inputProjection(Hash roundKey) {
        return new InputProjection(
                input.height(), input.width(), input.pool(), input.levels(), weights(roundKey), featureScale());
    }

    /** The k projections <x, y_j> of a quantized sample, in the clear (what decryption yields). */
    public static long[] project(int[] x, int[][] rows) {
        long[] out = new long[rows.length];
        for (int j = 0; j < rows.length; j++) {
            long sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += (long) x[i] * rows[j][i];
            }
            out[j] = sum;
        }
        return out;
    }
}
