package io.learnchain.learn.tensor;

import java.util.List;

/**
 * The widths {@link Lanes} may be forced to with {@value #PROPERTY}, checked without choosing a
 * species (so a command can refuse a bad value with a clear message before any kernel loads).
 */
public final class LaneWidth {
    /** The system property that fixes the kernels' vector width in bits. */
    public static final String PROPERTY = "learnchain.vector.bits";
    /** The widths the kernels are built and tested for. */
    public static final List<Integer> WIDTHS = List.of(128, 256, 512);

    private LaneWidth() {}

    /**
     * The width named by {@code text}.
     *
     * @throws IllegalArgumentException when it is not 128, 256 or 512
     */
    public static int parse(String text) {
        try {
            int bits = Integer.parseInt(text.strip());
            if (WIDTHS.contains(bits)) {
                return bits;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "-D" + PROPERTY + " must be one of " + WIDTHS + " (bits), got '" + text + "'");
    }
}
