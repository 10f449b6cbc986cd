package io.learnchain.learn.model;

import java.util.ArrayList;
import java.util.List;

/** Checks a layer list against its input shape and derives the shapes and tensors (the {@link ModelLayout}). */
public final class ModelSpecValidator {
    /** Upper bound on trainable parameters (about 256 MiB of float32). */
    public static final int MAX_PARAMETERS = 64 << 20;

    private ModelSpecValidator() {}

    /** The layout, or an IllegalArgumentException naming the layer and the shapes that do not fit. */
    public static ModelLayout layout(Shape input, List<LayerSpec> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        List<Shape> shapes = new ArrayList<>();
        List<TensorSpec> tensors = new ArrayList<>();
        int[] first = new int[layers.size()];
        shapes.add(input);
        long offset = 0;
        Shape cur = input;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l == null) {
                throw new IllegalArgumentException("layer " + i + " is null");
            }
            first[i] = -1;
            Shape next = switch (l) {
                case LayerSpec.Dense d -> {
                    requireFlat(i, l, cur);
                    first[i] = tensors.size();
                    offset = add(tensors, i + ".weight", Shape.of(cur.dim(0), d.units()), offset);
                    offset = add(tensors, i + ".bias", Shape.of(d.units()), offset);
                    yield Shape.of(d.units());
                }
                case LayerSpec.Conv2d c -> {
                    requireRank(i, l, cur, 3, "[channels, height, width]");
                    int oh = convOut(i, l, cur.dim(1), c.kernel(), c.stride(), c.padding());
                    int ow = convOut(i, l, cur.dim(2), c.kernel(), c.stride(), c.padding());
                    first[i] = tensors.size();
                    int fan = cur.dim(0) * c.kernel() * c.kernel();
                    offset = add(tensors, i + ".weight", Shape.of(c.filters(), fan), offset);
                    offset = add(tensors, i + ".bias", Shape.of(c.filters()), offset);
                    yield Shape.of(c.filters(), oh, ow);
                }
                case LayerSpec.MaxPool2d p -> {
                    requireRank(i, l, cur, 3, "[channels, height, width]");
                    int oh = convOut(i, l, cur.dim(1), p.size(), p.stride(), 0);
                    int ow = convOut(i, l, cur.dim(2), p.size(), p.stride(), 0);
                    yield Shape.of(cur.dim(0), oh, ow);
                }
                case LayerSpec.Flatten f -> Shape.of(cur.size());
                case LayerSpec.Relu r -> cur;
                case LayerSpec.Tanh t -> cur;
                case LayerSpec.Sigmoid s -> cur;
                case LayerSpec.Lstm lstm -> {
                    requireRank(i, l, cur, 2, "[steps, features]");
                    int h = lstm.hidden();
                    first[i] = tensors.size();
                    offset = add(tensors, i + ".wx", Shape.of(cur.dim(1), 4 * h), offset);
                    offset = add(tensors, i + ".wh", Shape.of(h, 4 * h), offset);
                    offset = add(tensors, i + ".bias", Shape.of(4 * h), offset);
                    yield Shape.of(h);
                }
            };
            shapes.add(next);
            cur = next;
        }
        if (cur.rank() != 1) {
            throw new IllegalArgumentException("the last layer (" + (layers.size() - 1) + ", "
                    + layers.getLast().text() + ") outputs " + cur
                    + " but a model must end flat: add flatten and dense layers");
        }
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("the model has no trainable layer: add a dense, conv2d or lstm layer");
        }
        return new ModelLayout(shapes, tensors, first, (int) offset);
    }

    private static long add(List<TensorSpec> tensors, String name, Shape shape, long offset) {
        long end = offset + shape.size();
        if (end > MAX_PARAMETERS) {
            throw new IllegalArgumentException("tensor " + name + " " + shape + " takes the model over "
                    + MAX_PARAMETERS + " parameters: use fewer units or filters");
        }
        tensors.add(new TensorSpec(name, shape, (int) offset));
        return end;
    }

    private static void requireFlat(int i, LayerSpec l, Shape in) {
        if (in.rank() != 1) {
            throw new IllegalArgumentException("layer " + i + " (" + l.text() + ") needs a flat input but gets " + in
                    + ": add a flatten layer before it");
        }
    }

    private static void requireRank(int i, LayerSpec l, Shape in, int rank, String expected) {
        if (in.rank() != rank) {
            throw new IllegalArgumentException(
                    "layer " + i + " (" + l.text() + ") needs an input " + expected + " but gets " + in);
        }
    }

    private static int convOut(int i, LayerSpec l, int in, int k, int s, int p) {
        int span = in + 2 * p - k;
        if (span < 0) {
            throw new IllegalArgumentException("layer " + i + " (" + l.text() + "): window " + k + " (padding " + p
                    + ") is larger than the input size " + in);
        }
        return span / s + 1;
    }
}
