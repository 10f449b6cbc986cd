/**
 * ONNX import ("bring your own model"): {@link io.learnchain.learn.format.onnx.OnnxImporter} reads
 * the bytes of an ONNX model, as torch.onnx.export writes an nn.Sequential of Linear, Conv2d,
 * MaxPool2d, ReLU/Tanh/Sigmoid, Flatten and an LSTM, into the engine's spec and weights
 * ({@link io.learnchain.learn.format.onnx.OnnxImport}), with the protobuf classes of tribuo-util-onnx
 * that the exporter uses. The graph is evaluated symbolically: each value is the data path (with its
 * axes, {@code Axis}), a constant, an integer vector computed from shapes, or a zero state
 * ({@code GraphValue}); each layer node appends one engine layer ({@code LayerNodes},
 * {@code LstmNode}) and the plumbing around them ({@code PlumbingNodes}) must reduce to it. Anything
 * else is an {@link io.learnchain.learn.format.onnx.OnnxImportException} in one line naming the
 * node, its operator and what is supported. Pure: the CLI and the node read the files.
 */
package io.learnchain.learn.format.onnx;
