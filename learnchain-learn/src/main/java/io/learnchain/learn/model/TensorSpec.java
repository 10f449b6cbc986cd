package io.learnchain.learn.model;

/** One trainable tensor of a model: its name ("2.weight"), shape, and offset in the flat parameter vector. */
public record TensorSpec(String name, Shape shape, int offset) {
    public TensorSpec {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor needs a name");
        }
        if (shape == null || offset < 0) {
            throw new IllegalArgumentException("tensor " + name + " needs a shape and a non-negative offset");
        }
    }

    public int size() {
        return shape.size();
    }
}
