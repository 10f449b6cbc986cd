package io.learnchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The engine says when it would run the Vector API as plain Java, and what to do. */
class VectorSupportTest {
    @Test
    void fastWhenC2CompilesTheWidth() {
        VectorSupport v = VectorSupport.of(256, 8, 256, "6x16", "C2");
        assertThat(v.warning()).isEmpty();
        assertThat(v.summary()).isEqualTo("256-bit vectors (8 floats), GEMM micro-kernel 6x16, C2");
        assertThat(v.toMap()).containsEntry("fast", true).containsEntry("bits", 256);
    }

    @Test
    void everySlowPathIsNamedWithWhatToDo() {
        assertThat(VectorSupport.of(512, 16, 512, "8x32", "interpreter").warning())
                .hasValueSatisfying(w -> assertThat(w).contains("-Xint", "LEARNCHAIN_JAVA_OPTS"));
        assertThat(VectorSupport.of(512, 16, 512, "8x32", "C1 only").warning())
                .hasValueSatisfying(w -> assertThat(w).contains("C2", "TieredStopAtLevel"));
        assertThat(VectorSupport.of(512, 16, 256, "8x32", "C2").warning())
                .hasValueSatisfying(
                        w -> assertThat(w).contains("512-bit", "at most 256-bit", "learnchain.vector.bits"));
        assertThat(VectorSupport.of(128, 4, 64, "6x8", "C2").warning())
                .hasValueSatisfying(w -> assertThat(w).contains("no vector instructions"));
        assertThat(VectorSupport.of(128, 4, 64, "6x8", "C2").toMap()).containsEntry("fast", false);
        assertThat(VectorSupport.of(256, 8, 256, "6x16", "C2", false).warning())
                .hasValueSatisfying(w -> assertThat(w).contains("fused multiply-adds in software", "-XX:-UseFMA"));
    }

    @Test
    void thisJvmIsFast() {
        VectorSupport here = VectorSupport.detect();
        assertThat(here.jit()).isEqualTo("C2");
        assertThat(here.warning())
                .as("the test JVM runs the engine as plain Java")
                .isEmpty();
    }
}
