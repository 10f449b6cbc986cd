package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.tensor.Gemm;
import io.learnchain.learn.tensor.Transpose;

/** y = x . W + b with W [in x out] and b [out], then gradients by two more products. */
final class DenseLayer extends Layer {
    private final int wOff;
    private final int bOff;
    private final float[] wT;

    DenseLayer(int in, int out, int paramOffset, int maxBatch) {
        super(in, out);
        this.wOff = paramOffset;
        this.bOff = paramOffset + in * out;
        this.wT = new float[in * out];
    }

    @Override
    void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch) {
        for (int b = 0; b < batch; b++) {
            System.arraycopy(params, bOff, out, b * outSize, outSize);
        }
        Gemm.multiply(pool, batch, outSize, inSize, in, 0, inSize, params, wOff, outSize, out, 0, outSize, true);
    }

    @Override
    void forwardSamples(float[] params, float[] in, float[] out, int from, int to) {
        for (int b = from; b < to; b++) {
            System.arraycopy(params, bOff, out, b * outSize, outSize);
        }
        Gemm.multiply(
                ComputePool.serial(),
                to - from,
                outSize,
                inSize,
                in,
                from * inSize,
                inSize,
                params,
                wOff,
                outSize,
                out,
                from * outSize,
                outSize,
                true);
    }

    @Override
    void backward(
            ComputePool pool,
            float[] params,
            float[] grads,
            float[] in,
            float[] out,
            float[] dOut,
            float[] dIn,
            int batch) {
        // dW[in x out] = x^T . dy, summed over the batch in sample order.
        Gemm.multiplyTransposedA(
                pool, inSize, outSize, batch, in, 0, inSize, dOut, 0, outSize, grads, wOff, outSize, false);
        columnSums(dOut, batch, outSize, grads, bOff);
        if (dIn != null) {
            Transpose.transpose(params, wOff, outSize, inSize, outSize, wT, 0, inSize);
            Gemm.multiply(pool, batch, inSize, outSize, dOut, 0, outSize, wT, 0, inSize, dIn, 0, inSize, false);
        }
    }

    /** dst[j] = sum over rows i (in order) of m[i][j]. */
    static void columnSums(float[] m, int rows, int cols, float[] dst, int dOff) {
        for (int j = 0; j < cols; j++) {
            dst[dOff + j] = 0f;
        }
        for (int i = 0; i < rows; i++) {
            int r = i * cols;
            for (int j = 0; j < cols; j++) {
                dst[dOff + j] += m[r + j];
            }
        }
    }
}
