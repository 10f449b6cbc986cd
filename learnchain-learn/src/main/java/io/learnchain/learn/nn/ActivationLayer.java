package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;

/**
 * Elementwise ReLU, tanh or sigmoid. tanh and the exponential of the sigmoid come from StrictMath in
 * double, rounded once to float, so the bits are the same on every JVM and CPU.
 */
final class ActivationLayer extends Layer {
    enum Kind { RELU, TANH, SIGMOID }

    private final Kind kind;

    ActivationLayer(Kind kind, int size) {
        super(size, size);
        this.kind = kind;
    }

    @Override
    void forward(ComputePool pool, float[] params, float[] in, float[] out, int batch) {
        int n = batch * inSize;
        switch (kind) {
            case RELU -> relu(in, out, n);
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    out[i] = tanh(in[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    out[i] = sigmoid(in[i]);
                }
            }
        }
    }

    @Override
    void backward(ComputePool pool, float[] params, float[] grads, float[] in, float[] out, float[] dOut, float[] dIn,
            int batch) {
        if (dIn == null) {
            return;
        }
        int n = batch * inSize;
        switch (kind) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dIn[i] = out[i] > 0f ? dOut[i] : 0f;
                }
            }
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

    static void relu(float[] in, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            float v = in[i];
            out[i] = v > 0f ? v : 0f;
        }
    }

    static float tanh(float x) {
        return (float) StrictMath.tanh(x);
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + StrictMath.exp(-(double) x)));
    }
}
