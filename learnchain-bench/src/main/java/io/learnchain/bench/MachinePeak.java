package io.learnchain.bench;

import io.learnchain.learn.tensor.Gemm;
import io.learnchain.learn.tensor.Lanes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * This machine's theoretical fp32 peak per core: SIMD lanes (16 with AVX-512, 8 with AVX2) x 2
 * (fused multiply-add) x FMA units (2 on the server cores this runs on; the assumption is printed)
 * x clock (the "cpu MHz" of /proc/cpuinfo, the nominal clock in a VM). A share of peak above 1
 * means turbo is above the reported clock.
 */
record MachinePeak(String cpu, double ghz, int lanes, int fmaUnits) {

    static MachinePeak detect() {
        String model = "unknown";
        double mhz = 0;
        boolean avx512 = false;
        boolean avx2 = false;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name") && model.equals("unknown")) {
                    model = l.substring(l.indexOf(':') + 1).strip();
                } else if (l.startsWith("cpu MHz") && mhz == 0) {
                    mhz = Double.parseDouble(l.substring(l.indexOf(':') + 1).strip());
                } else if (l.startsWith("flags")) {
                    avx512 |= l.contains(" avx512f");
                    avx2 |= l.contains(" avx2");
                }
            }
        } catch (IOException | NumberFormatException e) {
            // leave the defaults: the peak is then unknown (0)
        }
        return new MachinePeak(model, mhz / 1000, avx512 ? 16 : avx2 ? 8 : 4, 2);
    }

    double gflopsPerCore() {
        return ghz * lanes * 2 * fmaUnits;
    }

    String json(int cores) {
        return String.format(
                Locale.ROOT,
                "{\"kind\":\"machine\",\"cpu\":\"%s\",\"ghz\":%.2f,\"lanes\":%d,\"fmaUnits\":%d,"
                        + "\"peakGflopsPerCore\":%.1f,\"cores\":%d,\"java\":\"%s\",\"engineBits\":%d,\"enginePreferredBits\":%d,"
                        + "\"engineMicroKernel\":\"%s\",\"jvmFlags\":\"%s\"}",
                cpu.replace("\"", "'"),
                ghz,
                lanes,
                fmaUnits,
                gflopsPerCore(),
                cores,
                Runtime.version(),
                Lanes.bits(),
                Lanes.preferredBits(),
                Gemm.microKernel(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                        .replace("\"", "'"));
    }
}
