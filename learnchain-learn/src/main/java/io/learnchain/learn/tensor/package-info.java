/**
 * Float32 kernels on the JDK Vector API, at the width {@link io.learnchain.learn.tensor.Lanes} chose
 * for this CPU (512, 256 or 128 bits).
 *
 * <p>Determinism rule of every kernel here: vector lanes always hold different outputs, and each
 * output is one sequence of IEEE operations in a fixed order (for products: one {@code fma} chain over
 * the contraction index in ascending order), the same in a vector lane as in the scalar tail. No lane
 * reduction, no reassociation, no split of a sum between threads, no sum whose order depends on the
 * number of lanes. The bits therefore do not depend on the vector width, the CPU's AVX level, the JIT
 * or interpreter, or the thread count; {@link io.learnchain.learn.tensor.Gemm#multiplyScalar} is the
 * plain-loop twin and tests compare them bit for bit. The micro-kernels ({@code GemmKernels}) are
 * generated at build time by {@code src/build/GenerateGemmKernels.java}.
 */
package io.learnchain.learn.tensor;
