package io.learnchain.learn.model;

import java.util.List;

/**
 * What a valid spec implies: the activation shape after each layer ({@code shapes.get(0)} is the
 * input, {@code shapes.get(i + 1)} the output of layer i), the trainable tensors in declared order,
 * and for each layer the index of its first tensor in {@code tensors} (or -1 when it has none).
 */
public record ModelLayout(List<Shape> shapes, List<TensorSpec> tensors, int[] firstTensorOfLayer, int parameterCount) {
    public ModelLayout {
        shapes = List.copyOf(shapes);
        tensors = List.copyOf(tensors);
        firstTensorOfLayer = firstTensorOfLayer.clone();
    }

    @Override
    public int[] firstTensorOfLayer() {
        return firstTensorOfLayer.clone();
    }

    /** Offset of the first parameter of layer i in the flat parameter vector (layer must be trainable). */
    public int parameterOffset(int layer) {
        int t = firstTensorOfLayer[layer];
        if (t < 0) {
            throw new IllegalArgumentException("layer " + layer + " has no parameters");
        }
        return tensors.get(t).offset();
    }

    public Shape input() {
        return shapes.get(0);
    }

    public Shape output() {
        return shapes.get(shapes.size() - 1);
    }
}
