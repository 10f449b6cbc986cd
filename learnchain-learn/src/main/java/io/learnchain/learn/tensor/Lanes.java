package io.learnchain.learn.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector species every kernel of the engine uses, chosen once per JVM: the widest the JVM
 * prefers on this CPU ({@link FloatVector#SPECIES_PREFERRED}: 512 bits with AVX-512, 256 with AVX2,
 * 128 with SSE or NEON), at least 128 and at most 512 bits. The system property
 * {@value #PROPERTY} ({@code 128}, {@code 256} or {@code 512}) overrides it, for tests and
 * benchmarks of the other widths.
 *
 * <p>The width is a machine detail, never part of a result: every kernel keeps independent outputs
 * in the lanes of a vector and never adds lanes together, and its scalar tail performs the same IEEE
 * operations as a lane does (docs/protocol.md section 2), so 128, 256 and 512 bits give the same
 * bits. Only speed depends on it: a species wider than the JVM intrinsifies runs in plain Java,
 * tens of times slower (the node and {@code train} say so at start).
 */
public final class Lanes {
    /** The system property that fixes the width in bits (128, 256 or 512). */
    public static final String PROPERTY = LaneWidth.PROPERTY;

    /** The species; each kernel class copies it into a static final field of its own (a JIT constant). */
    public static final VectorSpecies<Float> FLOAT =
            choose(System.getProperty(PROPERTY), FloatVector.SPECIES_PREFERRED.vectorBitSize());

    private Lanes() {}

    /** The width in bits of the species the kernels run. */
    public static int bits() {
        return FLOAT.vectorBitSize();
    }

    /** Floats per vector. */
    public static int count() {
        return FLOAT.length();
    }

    /**
     * A float species of {@code bits} (64 to 512) for a kernel's narrower steps (a half-width step
     * before a tail): only where {@link #bits()} is at least that wide, so it runs as fast as {@link
     * #FLOAT}. Narrower steps never change a result (the lane rule above).
     */
    public static VectorSpecies<Float> floats(int bits) {
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    /** An int species of {@code bits} (64 to 512), under the same condition as {@link #floats}. */
    public static VectorSpecies<Integer> ints(int bits) {
        return VectorSpecies.of(int.class, VectorShape.forBitSize(bits));
    }

    /** The width the JVM prefers on this CPU (the widest it compiles to machine vectors; 64 when it has none). */
    public static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /**
     * The species for a forced width ({@code forced}, may be null) or else the preferred width.
     *
     * @throws IllegalArgumentException for a forced width other than 128, 256 or 512
     */
    static VectorSpecies<Float> choose(String forced, int preferredBits) {
        int bits;
        if (forced != null && !forced.isBlank()) {
            bits = LaneWidth.parse(forced);
        } else {
            bits = Math.max(128, Math.min(512, preferredBits));
        }
        return FloatVector.SPECIES_128.withShape(VectorShape.forBitSize(bits));
    }
}
