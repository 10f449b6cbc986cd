package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.tensor.Activations;
import io.learnchain.learn.tensor.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise ReLU (max(x, 0)), tanh or sigmoid ({@link Activations}: the engine's own deterministic
 * float32 functions, the same bits on every JVM and CPU).
 */
final class ActivationLayer extends Layer {
    enum Kind {
        RELU,
        TANH,
        SIGMOID
    }

    private static final VectorSpecies<Float> S = Lanes.FLOAT;

    private final Kind kind;

    ActivationLayer(Kind kind, int size) {
        super(size, size);
        this.kind = kind;
    }

    @Override
    void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch) {
        forwardSamples(params, in, out, 0, batch);
    }

    @Override
    void forwardSamples(float[] params, float[] in, float[] out, int from, int to) {
        int off = from * inSize;
        int n = (to - from) * inSize;
        switch (kind) {
            case RELU -> relu(in, out, off, n);
            case TANH -> Activations.tanh(in, off, out, off, n);
            case SIGMOID -> Activations.sigmoid(in, off, out, off, n);
        }
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
        if (dIn == null) {
            return;
        }
        int n = batch * inSize;
        switch (kind) {
            case RELU -> reluBackward(out, dOut, dIn, n);
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float y = out[i];
                    dIn[i] = dOut[i] * (1f - y * y);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float y = out[i];
                    dIn[i] = dOut[i] * (y * (1f - y));
                }
            }
        }
    }

    /** max(x, 0) lane by lane (exact; the vector and scalar parts give the same bits). */
    static void relu(float[] in, float[] out, int off, int n) {
        relu(in, off, out, off, n);
    }

    /** out[outOff + i] = max(in[inOff + i], 0) for i < n (see {@link #relu(float[], float[], int, int)}). */
    static void relu(float[] in, int inOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - S.length(); i += S.length()) {
            FloatVector.fromArray(S, in, inOff + i).max(0f).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = Math.max(in[inOff + i], 0f);
        }
    }

    boolean isRelu() {
        return kind == Kind.RELU;
    }

    /** dIn = out > 0 ? dOut : 0. */
    static void reluBackward(float[] out, float[] dOut, float[] dIn, int n) {
        int i = 0;
        for (; i <= n - S.length(); i += S.length()) {
            VectorMask<Float> off = FloatVector.fromArray(S, out, i)
                    .compare(VectorOperators.GT, 0f)
                    .not();
            FloatVector.fromArray(S, dOut, i).blend(0f, off).intoArray(dIn, i);
        }
        for (; i < n; i++) {
            dIn[i] = out[i] > 0f ? dOut[i] : 0f;
        }
    }
}
