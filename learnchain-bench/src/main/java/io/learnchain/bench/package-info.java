/**
 * Benchmarks, never part of the product or its test run: {@link io.learnchain.bench.SideBySide} (the
 * engine against PyTorch through DJL and ONNX Runtime, one JSON line per measurement) and the JMH
 * {@link io.learnchain.bench.GemmBenchmark}. How to run them and the figures: docs/benchmarks.md.
 */
package io.learnchain.bench;
