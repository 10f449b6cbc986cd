package io.learnchain.node;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.learnchain.learn.tensor.Gemm;
import io.learnchain.learn.tensor.Lanes;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What vector width the engine runs here and whether it runs fast: the width {@link Lanes} chose,
 * the widest this JVM compiles to machine vectors on this CPU, the JIT in use, and one line that
 * says what to do when the Vector API would run as plain Java (tens of times slower). The width
 * never changes a result (docs/protocol.md section 2); this is about speed only.
 *
 * @param bits the kernels' vector width
 * @param lanes floats per vector
 * @param preferredBits the widest vector this JVM compiles on this CPU (64 when it compiles none)
 * @param microKernel the GEMM micro-kernel, rows x columns
 * @param jit "C2", "C1 only" or "interpreter"
 * @param warning what makes the engine slow here and what to do, when something does
 */
public record VectorSupport(
        int bits, int lanes, int preferredBits, String microKernel, String jit, Optional<String> warning) {

    /** The facts of this JVM. */
    public static VectorSupport detect() {
        return of(
                Lanes.bits(),
                Lanes.count(),
                Lanes.preferredBits(),
                Gemm.microKernel(),
                runningJit(),
                fmaInstructions());
    }

    static VectorSupport of(int bits, int lanes, int preferredBits, String microKernel, String jit) {
        return of(bits, lanes, preferredBits, microKernel, jit, true);
    }

    /**
     * {@code fma}: whether the JIT emits fused multiply-add instructions; without them every
     * {@code Math.fma} (the engine's multiply-accumulate, part of the consensus bits) runs in software,
     * about 1.6 million a second here: the same bits, tens of times slower (docs/protocol.md section 2).
     */
    static VectorSupport of(int bits, int lanes, int preferredBits, String microKernel, String jit, boolean fma) {
        String warning = null;
        if (jit.equals("interpreter")) {
            warning = "the JVM runs interpreted (-Xint), so the engine is about 100x slower: remove -Xint from"
                    + " LEARNCHAIN_JAVA_OPTS";
        } else if (!jit.equals("C2")) {
            warning = "the JVM's optimising compiler C2 is off (" + jit + ", e.g. -XX:TieredStopAtLevel=1), so the"
                    + " Vector API runs as plain Java, tens of times slower: remove that flag";
        } else if (preferredBits < 128) {
            warning = "this JVM compiles no vector instructions on this CPU (preferred width " + preferredBits
                    + " bits), so the engine runs as plain Java, tens of times slower: use a CPU with SSE4, AVX2,"
                    + " AVX-512 or NEON, or check -XX:UseAVX / -XX:MaxVectorSize in LEARNCHAIN_JAVA_OPTS";
        } else if (!fma) {
            warning = "this JVM does fused multiply-adds in software (a CPU without FMA instructions, or -XX:-UseFMA"
                    + " / -XX:UseAVX=0 in LEARNCHAIN_JAVA_OPTS), so training gives the same bits tens of times slower:"
                    + " drop those flags, or mine on a CPU with FMA (x86 since Haswell or Zen, every ARMv8)";
        } else if (bits > preferredBits) {
            warning = "the engine runs " + bits + "-bit vectors (-D" + Lanes.PROPERTY + ") but this JVM compiles at"
                    + " most " + preferredBits + "-bit ones here, so it runs as plain Java, tens of times slower:"
                    + " drop -D" + Lanes.PROPERTY;
        }
        return new VectorSupport(bits, lanes, preferredBits, microKernel, jit, Optional.ofNullable(warning));
    }

    /** One line: "512-bit vectors (16 floats), GEMM micro-kernel 8x32, C2". */
    public String summary() {
        return String.format(
                Locale.ROOT, "%d-bit vectors (%d floats), GEMM micro-kernel %s, %s", bits, lanes, microKernel, jit);
    }

    /** For --json output. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bits", bits);
        m.put("lanes", lanes);
        m.put("preferredBits", preferredBits);
        m.put("microKernel", microKernel);
        m.put("jit", jit);
        m.put("fast", warning.isEmpty());
        m.put("warning", warning.orElse(null));
        return m;
    }

    /** Whether HotSpot uses FMA instructions here (true where it cannot say: not a HotSpot JVM, or not x86). */
    private static boolean fmaInstructions() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null) {
            return true;
        }
        try {
            return Boolean.parseBoolean(hotspot.getVMOption("UseFMA").getValue());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static String runningJit() {
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) {
            return "interpreter";
        }
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null) {
            return "C2";
        }
        try {
            boolean tiered = Boolean.parseBoolean(
                    hotspot.getVMOption("TieredCompilation").getValue());
            int stop = Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
            return tiered && stop < 4 ? "C1 only" : "C2";
        } catch (IllegalArgumentException e) { // not a HotSpot JVM: assume its optimising JIT
            return "C2";
        }
    }
}
