package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;

/** Flatten: the batch-major layout is already flat, so values pass through unchanged. */
final class FlattenLayer extends Layer {
    FlattenLayer(int size) {
        super(size, size);
    }

    @Override
    void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch) {
        System.arraycopy(in, 0, out, 0, batch * inSize);
    }

    @Override
    void forwardSamples(float[] params, float[] in, float[] out, int from, int to) {
        System.arraycopy(in, from * inSize, out, from * inSize, (to - from) * inSize);
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
        if (dIn != null) {
            System.arraycopy(dOut, 0, dIn, 0, batch * inSize);
        }
    }
}
