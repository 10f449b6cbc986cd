/**
 * Float32 kernels on the JDK Vector API with the fixed species {@code FloatVector.SPECIES_512}.
 *
 * <p>Determinism rule of every kernel here: vector lanes always hold different outputs, and each
 * output is one sequence of IEEE operations in a fixed order (for products: one {@code fma} chain over
 * the contraction index in ascending order). No lane reduction, no reassociation, no split of a sum
 * between threads. The bits therefore do not depend on the vector width the hardware offers (under
 * {@code -XX:UseAVX=0..2} the 512-bit species runs as Java code, slowly but with the same bits), the
 * JIT or interpreter, or the thread count; {@link io.learnchain.learn.tensor.Gemm#multiplyScalar} is
 * the plain-loop twin and tests compare them bit for bit.
 */
package io.learnchain.learn.tensor;
