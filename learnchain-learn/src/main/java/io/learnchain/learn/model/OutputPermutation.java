package io.learnchain.learn.model;

import java.util.Arrays;
import java.util.List;

/**
 * Reorders a model's outputs by moving weights: the result's output j equals the source's output
 * {@code order[j]} for every input (values are moved, never computed): bit for bit when the last
 * trainable layer is dense or conv2d; through an LSTM up to float rounding, because h . Wh then
 * sums the hidden units in their new order (the argmax is the same but for near-ties). The last
 * trainable layer's output units are permuted; every layer after it (activations, max pooling,
 * flatten) acts on each unit alone, so the permutation passes through unchanged.
 *
 * <ul>
 *   <li>dense: weight [in x units] columns and bias entries;</li>
 *   <li>lstm (its last hidden state is the output): each gate block's columns of Wx, the rows and
 *       each gate block's columns of Wh, and each gate block of the bias, so the hidden units are
 *       relabelled consistently through time;</li>
 *   <li>conv2d: filters (weight rows, bias), when every class is one filter (the output after it
 *       has one position per filter).</li>
 * </ul>
 *
 * A conv2d whose classes are spread over spatial positions cannot be reordered by its weights
 * (positions share them); {@link #supports} says false for it.
 */
public final class OutputPermutation {
    private OutputPermutation() {}

    /** True when the outputs of models of {@code spec} can be reordered by moving weights. */
    public static boolean supports(ModelSpec spec) {
        int last = lastTrainable(spec);
        return switch (spec.layers().get(last)) {
            case LayerSpec.Dense d -> true;
            case LayerSpec.Lstm l -> true;
            case LayerSpec.Conv2d c -> c.filters() == spec.outputSize();
            case LayerSpec.MaxPool2d p -> false;
            case LayerSpec.Flatten f -> false;
            case LayerSpec.Relu r -> false;
            case LayerSpec.Tanh t -> false;
            case LayerSpec.Sigmoid s -> false;
        };
    }

    /**
     * The model whose output j is {@code model}'s output {@code order[j]}; {@code order} must be a
     * permutation of [0, outputs).
     *
     * @throws IllegalArgumentException when {@code order} is not such a permutation or the spec is
     *     not {@linkplain #supports supported}
     */
    public static Model apply(Model model, int[] order) {
        ModelSpec spec = model.spec();
        int units = spec.outputSize();
        requirePermutation(order, units);
        if (!supports(spec)) {
            throw new IllegalArgumentException("the outputs of " + spec.text() + " are spread over the positions of "
                    + "its last convolution: they cannot be reordered by moving weights");
        }
        ModelLayout layout = spec.layout();
        int layer = lastTrainable(spec);
        List<TensorSpec> tensors = layout.tensors();
        int first = layout.firstTensorOfLayer()[layer];
        float[] p = model.parameters();
        float[] out = p.clone();
        switch (spec.layers().get(layer)) {
            case LayerSpec.Dense d -> {
                TensorSpec w = tensors.get(first);
                TensorSpec b = tensors.get(first + 1);
                int in = w.size() / units;
                for (int j = 0; j < units; j++) {
                    for (int i = 0; i < in; i++) {
                        out[w.offset() + i * units + j] = p[w.offset() + i * units + order[j]];
                    }
                    out[b.offset() + j] = p[b.offset() + order[j]];
                }
            }
            case LayerSpec.Conv2d c -> {
                TensorSpec w = tensors.get(first);
                TensorSpec b = tensors.get(first + 1);
                int fan = w.size() / units;
                for (int j = 0; j < units; j++) {
                    System.arraycopy(p, w.offset() + order[j] * fan, out, w.offset() + j * fan, fan);
                    out[b.offset() + j] = p[b.offset() + order[j]];
                }
            }
            case LayerSpec.Lstm l -> {
                int h = units;
                int g4 = 4 * h;
                TensorSpec wx = tensors.get(first);
                TensorSpec wh = tensors.get(first + 1);
                TensorSpec b = tensors.get(first + 2);
                int features = wx.size() / g4;
                for (int gate = 0; gate < 4; gate++) {
                    for (int j = 0; j < h; j++) {
                        int dst = gate * h + j;
                        int src = gate * h + order[j];
                        for (int f = 0; f < features; f++) {
                            out[wx.offset() + f * g4 + dst] = p[wx.offset() + f * g4 + src];
                        }
                        for (int i = 0; i < h; i++) {
                            out[wh.offset() + i * g4 + dst] = p[wh.offset() + order[i] * g4 + src];
                        }
                        out[b.offset() + dst] = p[b.offset() + src];
                    }
                }
            }
            case LayerSpec.MaxPool2d pool -> throw new IllegalStateException("layer " + layer + " has no parameters");
            case LayerSpec.Flatten f -> throw new IllegalStateException("layer " + layer + " has no parameters");
            case LayerSpec.Relu r -> throw new IllegalStateException("layer " + layer + " has no parameters");
            case LayerSpec.Tanh t -> throw new IllegalStateException("layer " + layer + " has no parameters");
            case LayerSpec.Sigmoid s -> throw new IllegalStateException("layer " + layer + " has no parameters");
        }
        return new Model(spec, out);
    }

    /** The inverse of a permutation: {@code inverse(order)[order[j]] == j}. */
    public static int[] inverse(int[] order) {
        requirePermutation(order, order.length);
        int[] inv = new int[order.length];
        for (int j = 0; j < order.length; j++) {
            inv[order[j]] = j;
        }
        return inv;
    }

    private static int lastTrainable(ModelSpec spec) {
        int[] first = spec.layout().firstTensorOfLayer();
        for (int i = first.length - 1; i >= 0; i--) {
            if (first[i] >= 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("model " + spec.text() + " has no trainable layer");
    }

    private static void requirePermutation(int[] order, int n) {
        if (order.length != n) {
            throw new IllegalArgumentException("an order of " + order.length + " outputs for a model of " + n);
        }
        boolean[] seen = new boolean[n];
        for (int v : order) {
            if (v < 0 || v >= n || seen[v]) {
                throw new IllegalArgumentException("not a permutation of [0, " + n + "): " + Arrays.toString(order));
            }
            seen[v] = true;
        }
    }
}
