package io.learnchain.learn.model;

/**
 * One layer of a model spec: a closed set. Each knows its canonical text (part of the model hash).
 * Trainable layers: {@link Dense}, {@link Conv2d}, {@link Lstm}. Shapes are checked by
 * {@link ModelSpecValidator}.
 */
public sealed interface LayerSpec {

    /** The canonical text of this layer, e.g. "dense 128" or "conv2d 6 k5 s1 p2". */
    String text();

    /** Fully connected: flat input [n] to [units]; weight [n x units], bias [units]. */
    record Dense(int units) implements LayerSpec {
        public Dense {
            positive("dense units", units);
        }

        @Override
        public String text() {
            return "dense " + units;
        }
    }

    /** 2-D convolution of [channels, h, w] with square kernels; weight [filters x channels*kernel*kernel], bias [filters]. */
    record Conv2d(int filters, int kernel, int stride, int padding) implements LayerSpec {
        public Conv2d {
            positive("conv2d filters", filters);
            positive("conv2d kernel", kernel);
            positive("conv2d stride", stride);
            if (padding < 0 || padding >= kernel) {
                throw new IllegalArgumentException("conv2d padding must be in [0, kernel), got " + padding);
            }
        }

        @Override
        public String text() {
            return "conv2d " + filters + " k" + kernel + " s" + stride + " p" + padding;
        }
    }

    /** Max pooling over square windows of [channels, h, w]; ties go to the first element in row-major order. */
    record MaxPool2d(int size, int stride) implements LayerSpec {
        public MaxPool2d {
            positive("maxpool size", size);
            positive("maxpool stride", stride);
        }

        @Override
        public String text() {
            return "maxpool " + size + " s" + stride;
        }
    }

    /** Reshapes any input to a flat vector (no computation). */
    record Flatten() implements LayerSpec {
        @Override
        public String text() {
            return "flatten";
        }
    }

    record Relu() implements LayerSpec {
        @Override
        public String text() {
            return "relu";
        }
    }

    /** tanh by StrictMath. */
    record Tanh() implements LayerSpec {
        @Override
        public String text() {
            return "tanh";
        }
    }

    /** The logistic function 1 / (1 + exp(-x)) by StrictMath. */
    record Sigmoid() implements LayerSpec {
        @Override
        public String text() {
            return "sigmoid";
        }
    }

    /**
     * LSTM over a sequence [steps, features] (e.g. an image read row by row), returning the last hidden
     * state [hidden]. Gates in the order input, forget, cell, output; weights Wx [features x 4*hidden],
     * Wh [hidden x 4*hidden], bias [4*hidden] (forget-gate bias initialised to 1).
     */
    record Lstm(int hidden) implements LayerSpec {
        public Lstm {
            positive("lstm hidden", hidden);
        }

        @Override
        public String text() {
            return "lstm " + hidden;
        }
    }

    private static void positive(String what, int v) {
        if (v <= 0 || v > 1 << 20) {
            throw new IllegalArgumentException(what + " must be in [1, " + (1 << 20) + "], got " + v);
        }
    }
}
