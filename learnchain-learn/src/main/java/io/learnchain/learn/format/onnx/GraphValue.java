package io.learnchain.learn.format.onnx;

import java.util.Arrays;
import java.util.List;

/** What the importer knows about one named value of the ONNX graph. */
sealed interface GraphValue {

    /**
     * The model's data path: a tensor with these axes that holds the engine's activations after
     * {@code layers} layers. {@code biasOpen}: the direct output of a MatMul, whose dense layer
     * takes the bias of the Add that follows.
     */
    record Activations(List<Axis> axes, int layers, boolean biasOpen) implements GraphValue {
        public Activations {
            axes = List.copyOf(axes);
        }

        /** [batch, sample axis 0, 1, ...] in order: what an engine layer reads. */
        boolean canonical() {
            if (axes.isEmpty() || !(axes.getFirst() instanceof Axis.Batch)) {
                return false;
            }
            for (int i = 1; i < axes.size(); i++) {
                if (!(axes.get(i) instanceof Axis.Sample s) || s.index() != i - 1) {
                    return false;
                }
            }
            return true;
        }

        /** The sizes of the sample axes in order (the engine's current sample shape when canonical). */
        int[] sampleDims() {
            return axes.stream()
                    .filter(a -> a instanceof Axis.Sample)
                    .mapToInt(a -> ((Axis.Sample) a).size())
                    .toArray();
        }

        /** The same axes after {@code layers} layers, with no bias pending. */
        Activations after(int layerCount) {
            return new Activations(axes, layerCount, false);
        }

        Activations withAxes(List<Axis> newAxes) {
            return new Activations(newAxes, layers, biasOpen);
        }

        /** "[batch, 16, 5, 5]" or, for an LSTM's output, "[28 steps, 1, batch, 16]". */
        String text() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < axes.size(); i++) {
                sb.append(i > 0 ? ", " : "")
                        .append(
                                switch (axes.get(i)) {
                                    case Axis.Batch b -> "batch";
                                    case Axis.Sample s -> Integer.toString(s.size());
                                    case Axis.Time t -> t.steps() + " steps";
                                    case Axis.Single s -> "1";
                                });
            }
            return sb.append(']').toString();
        }

        /** [batch, ...sampleDims] in order, after {@code layers} layers. */
        static Activations of(int[] sampleDims, int layers) {
            Axis[] axes = new Axis[sampleDims.length + 1];
            axes[0] = new Axis.Batch();
            for (int i = 0; i < sampleDims.length; i++) {
                axes[i + 1] = new Axis.Sample(i, sampleDims[i]);
            }
            return new Activations(List.of(axes), layers, false);
        }
    }

    /** A float tensor known at import time (an initializer or a Constant node). */
    record Floats(long[] dims, float[] values) implements GraphValue {
        public Floats {
            dims = dims.clone();
        }

        @Override
        public long[] dims() {
            return dims.clone();
        }

        boolean allZero() {
            for (float v : values) {
                if (v != 0f) {
                    return false;
                }
            }
            return true;
        }

        String shapeText() {
            return Arrays.toString(dims);
        }
    }

    /** An integer scalar or vector (a constant, or computed from shapes); rank 0 when {@code scalar}. */
    record Ints(List<Extent> values, boolean scalar) implements GraphValue {
        public Ints {
            values = List.copyOf(values);
            if (scalar && values.size() != 1) {
                throw new IllegalArgumentException("a scalar holds one value");
            }
        }
    }

    /** A tensor of zeros of some shape (ConstantOfShape of 0, an expanded zero): an LSTM's initial state. */
    record Zeros() implements GraphValue {}

    /** The output of a final Softmax or LogSoftmax over the logits: accepted only as the graph's output. */
    record Normalised(Activations logits, String op) implements GraphValue {}

    /** A value the engine has no counterpart for (an LSTM's cell state, MaxPool's indices); reading it fails. */
    record Unusable(String what) implements GraphValue {}
}
