/**
 * The runtime network (forward, output gradient, backward on batch-major float32 buffers) and its
 * layers: dense, conv2d (im2col + GEMM), max pooling, flatten, ReLU, tanh, sigmoid, LSTM; softmax
 * cross-entropy. Transcendental functions are {@code StrictMath} in double, rounded once to float
 * (exact same bits on every JVM; about a third of LSTM training time, a polynomial on the Vector API
 * would be faster and is a possible later optimisation with its own golden vectors).
 */
package io.learnchain.learn.nn;
