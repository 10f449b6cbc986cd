/**
 * Model hand-off formats: safetensors with PyTorch names and layouts
 * ({@link io.learnchain.learn.format.Safetensors}, {@link io.learnchain.learn.format.TorchTensors},
 * {@link io.learnchain.learn.format.ModelSafetensors}), ONNX export of every layer kind
 * ({@link io.learnchain.learn.format.OnnxExporter}, protobuf classes from tribuo-util-onnx; the import
 * of PyTorch's ONNX files is in {@code format.onnx}) and the
 * metadata.json written beside them ({@link io.learnchain.learn.format.ModelMetadata}). No JSON
 * library: {@link io.learnchain.learn.format.Json} writes and strictly parses the little JSON these
 * formats need. Everything works on byte arrays; the CLI writes the files.
 */
package io.learnchain.learn.format;
