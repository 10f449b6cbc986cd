package io.learnchain.learn.format.onnx;

/** One entry of an integer vector the graph computes from shapes: a known number or the batch size. */
sealed interface Extent {

    record Fixed(long value) implements Extent {}

    /** The (symbolic) batch size, as {@code Shape} reads it from the data path. */
    record BatchSize() implements Extent {}
}
