package io.learnchain.learn.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The width is the widest the JVM prefers, within 128..512 bits, unless forced to 128, 256 or 512. */
class LanesTest {
    @Test
    void widestPreferredWithinTheBuiltWidths() {
        assertThat(Lanes.choose(null, 512).vectorBitSize()).isEqualTo(512);
        assertThat(Lanes.choose(null, 256).vectorBitSize()).isEqualTo(256);
        assertThat(Lanes.choose("", 128).vectorBitSize()).isEqualTo(128);
        assertThat(Lanes.choose(null, 64).vectorBitSize())
                .as("no SIMD: the narrowest built width")
                .isEqualTo(128);
        assertThat(Lanes.choose(null, 2048).vectorBitSize())
                .as("SVE 2048: the widest built width")
                .isEqualTo(512);
    }

    @Test
    void forcedWidthWins() {
        assertThat(Lanes.choose("128", 512).length()).isEqualTo(4);
        assertThat(Lanes.choose(" 256 ", 512).length()).isEqualTo(8);
        assertThat(Lanes.choose("512", 256).length()).isEqualTo(16);
        assertThatThrownBy(() -> Lanes.choose("300", 512))
                .hasMessageContaining("must be one of [128, 256, 512]")
                .hasMessageContaining("'300'");
        assertThatThrownBy(() -> LaneWidth.parse("wide")).hasMessageContaining(LaneWidth.PROPERTY);
    }

    @Test
    void thisJvmRunsTheChosenWidth() {
        assertThat(Lanes.bits()).isIn(128, 256, 512);
        assertThat(Lanes.count()).isEqualTo(Lanes.bits() / 32);
        assertThat(Gemm.microKernel()).isEqualTo((Lanes.count() >= 16 ? 8 : 6) + "x" + 2 * Lanes.count());
    }
}
