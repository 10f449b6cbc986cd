package io.learnchain.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * One benchmark result: the median of several timed repeats after warm-up, with the spread. Printed
 * as one JSON line: kind (train, infer, gemm), engine, model, batch, threads, samplesPerSecond (or
 * gflops for gemm), repeats and the min/max of the repeats.
 */
record Measurement(
        String kind,
        String engine,
        String model,
        int batch,
        int threads,
        double median,
        double min,
        double max,
        int repeats,
        String extra) {

    static Measurement of(
            String kind, String engine, String model, int batch, int threads, double[] values, String extra) {
        double[] v = values.clone();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Measurement(kind, engine, model, batch, threads, median, v[0], v[v.length - 1], v.length, extra);
    }

    String json() {
        String valueName = kind.equals("gemm") ? "gflops" : "samplesPerSecond";
        return String.format(
                Locale.ROOT,
                "{\"kind\":\"%s\",\"engine\":\"%s\",\"model\":\"%s\",\"batch\":%d,\"threads\":%d,\"%s\":%.1f,"
                        + "\"min\":%.1f,\"max\":%.1f,\"repeats\":%d%s}",
                kind,
                engine,
                model,
                batch,
                threads,
                valueName,
                median,
                min,
                max,
                repeats,
                extra.isEmpty() ? "" : "," + extra);
    }
}
