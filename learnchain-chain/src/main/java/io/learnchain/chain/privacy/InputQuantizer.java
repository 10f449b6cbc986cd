package io.learnchain.chain.privacy;

/**
 * How a private task turns a sample of values in [0, 1] into the integer vector it encrypts: an
 * image of {@code height} x {@code width} values (a flat sample is 1 x n) is averaged over
 * {@code pool} x {@code pool} blocks, then each mean is rounded to a level in 0..{@code levels}.
 * Pooling divides the encryption, the blob and the miners' decryption by pool^2.
 */
public record InputQuantizer(int height, int width, int pool, int levels) {
    public InputQuantizer {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("a sample needs positive height and width, got " + height + "x" + width);
        }
        if (pool < 1 || height % pool != 0 || width % pool != 0) {
            throw new IllegalArgumentException(
                    "pool " + pool + " must be positive and divide the sample's " + height + "x" + width);
        }
        if (levels < 1 || levels > ProjectionSpec.MAX_INPUT_LEVELS) {
            throw new IllegalArgumentException("the input quantization must be in 1.." + ProjectionSpec.MAX_INPUT_LEVELS
                    + " levels, got " + levels);
        }
    }

    /** Values per sample before pooling. */
    public int inputSize() {
        return height * width;
    }

    /** Length of the encrypted vector: (height / pool) x (width / pool). */
    public int dimension() {
        return (height / pool) * (width / pool);
    }

    /**
     * x = round(mean of each block x levels), clamped to [0, levels]; the sum runs over the block
     * row by row in float, the mean is the sum times 1 / pool^2: one order, the same bits everywhere.
     */
    public int[] quantize(float[] features, int offset) {
        int outWidth = width / pool;
        int[] x = new int[dimension()];
        float scale = (float) levels / (pool * pool);
        for (int r = 0; r < height / pool; r++) {
            for (int c = 0; c < outWidth; c++) {
                float sum = 0f;
                for (int dr = 0; dr < pool; dr++) {
                    for (int dc = 0; dc < pool; dc++) {
                        sum += features[offset + (r * pool + dr) * width + c * pool + dc];
                    }
                }
                int level = Math.round(sum * scale);
                x[r * outWidth + c] = Math.max(0, Math.min(levels, level));
            }
        }
        return x;
    }
}
