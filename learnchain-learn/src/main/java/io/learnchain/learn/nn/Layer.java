package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;

/**
 * A layer's kernels on batch-major buffers: {@code in[batch x inSize]}, {@code out[batch x outSize]}.
 * Layers hold their scratch space for up to {@code maxBatch} samples, so they are not thread-safe;
 * each parallel part they hand to the pool writes its own outputs (see {@link ComputePool}).
 */
abstract sealed class Layer permits DenseLayer, Conv2dLayer, MaxPoolLayer, FlattenLayer, ActivationLayer, LstmLayer {
    final int inSize;
    final int outSize;

    Layer(int inSize, int outSize) {
        this.inSize = inSize;
        this.outSize = outSize;
    }

    abstract void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch);

    /**
     * Whether each sample's forward output depends on that sample alone and {@link #forwardSamples} runs
     * any range of samples: then a network may run whole sample ranges through all its layers on one
     * thread (each output is computed by exactly the same operations, so the bits do not change).
     */
    boolean runsSampleRanges() {
        return true;
    }

    /**
     * The forward pass of samples [from, to) on the calling thread, with the same bits as {@link #forward};
     * calls on disjoint ranges may run at the same time.
     */
    abstract void forwardSamples(float[] params, float[] in, float[] out, int from, int to);

    /**
     * Writes this layer's parameter gradients (overwriting, not adding) into {@code grads} and, when
     * {@code dIn} is not null, the gradient with respect to the input. Needs the {@code in} and
     * {@code out} of the matching forward call.
     */
    abstract void backward(
            ComputePool pool,
            float[] params,
            float[] grads,
            float[] in,
            float[] out,
            float[] dOut,
            float[] dIn,
            int batch);
}
