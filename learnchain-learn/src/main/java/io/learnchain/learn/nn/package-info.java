/**
 * The runtime network (forward, output gradient, backward on batch-major float32 buffers) and its
 * layers: dense, conv2d (im2col + GEMM), max pooling, flatten, ReLU, tanh, sigmoid, LSTM; softmax
 * cross-entropy. tanh and sigmoid are the engine's own float32 functions
 * ({@link io.learnchain.learn.tensor.Activations}: fixed IEEE operation sequences, vectorised, about
 * 10x faster than StrictMath); the softmax cross-entropy uses StrictMath exp/log in double.
 */
package io.learnchain.learn.nn;
