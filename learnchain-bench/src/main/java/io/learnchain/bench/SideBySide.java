package io.learnchain.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.tensor.Gemm;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side benchmark of the learnchain engine against PyTorch CPU (DJL) and ONNX Runtime, in
 * one JVM so the machine's noise hits every peer alike: training samples/s for mlp at batch 64 and
 * 256 and lenet5 at batch 64, with 1 and 2 threads; inference samples/s at batch 1000; GEMM GFLOP/s
 * with the share of this machine's fp32 peak. Peers alternate within each repeat round. Prints one
 * JSON line per measurement (median of the repeats) and, at the end, one line per ratio.
 *
 * <p>Run: {@code scripts/bench-side-by-side.sh [--repeats N] [--quick] [--only KIND/MODEL/BATCH/THREADS]...}
 * (see docs/benchmarks.md); {@code --only} keeps the measurements whose key contains the text, e.g.
 * {@code --only train/lenet5/64/1} or {@code --only gemm/}.
 */
public final class SideBySide {
    private final int repeats;
    private final int warmups;
    private final double seconds;
    /** Runs only the measurements whose key (kind/model/batch/threads) contains one of these; empty: all. */
    private final List<String> only;

    private final PrintStream out = System.out;
    private final List<Measurement> results = new ArrayList<>();

    private SideBySide(int repeats, int warmups, double seconds, List<String> only) {
        this.repeats = repeats;
        this.warmups = warmups;
        this.seconds = seconds;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        int repeats = 5;
        double seconds = 1.0;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--only" -> only.add(args[++i]);
                case "--quick" -> {
                    repeats = 3;
                    seconds = 0.3;
                }
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --repeats N, --quick or --only KIND/MODEL/BATCH/THREADS");
            }
        }
        new SideBySide(repeats, 2, seconds, only).run();
    }

    private void run() throws Exception {
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        ai.djl.engine.Engine torch = ai.djl.engine.Engine.getEngine("PyTorch");
        System.err.println("PyTorch " + torch.getVersion() + " through DJL " + ai.djl.engine.Engine.getDjlVersion());
        out.println(MachinePeak.detect().json(Runtime.getRuntime().availableProcessors()));
        Dataset train = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN);
        Dataset test = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        for (int threads : new int[] {1, 2}) {
            if (wanted("train", "mlp", 64, threads)) {
                trainPair("mlp", train, 64, threads);
            }
            if (wanted("train", "mlp", 256, threads)) {
                trainPair("mlp", train, 256, threads);
            }
            if (wanted("train", "lenet5", 64, threads)) {
                trainPair("lenet5", train, 64, threads);
            }
        }
        for (int threads : new int[] {1, 2}) {
            if (wanted("infer", "mlp", 1000, threads)) {
                inferTriple("mlp", test, 1000, threads);
            }
            if (wanted("infer", "lenet5", 1000, threads)) {
                inferTriple("lenet5", test, 1000, threads);
            }
        }
        for (int threads : new int[] {1, 2}) {
            for (int n : new int[] {512, 1024}) {
                if (wanted("gemm", "gemm" + n, n, threads)) {
                    gemm(n, threads);
                }
            }
        }
        printRatios();
    }

    private boolean wanted(String kind, String model, int batch, int threads) {
        String key = kind + "/" + model + "/" + batch + "/" + threads;
        return only.isEmpty() || only.stream().anyMatch(key::contains);
    }

    /**
     * Steps per timed run so one run takes about {@code seconds}: a probe of {@code probeSteps} steps,
     * then probes of the steps the last one gives, until the time per step stops falling (within 20%
     * of the last probe's) and a probe takes at least half the target. A JIT compiler's first seconds
     * make a cold probe tens of times slower than the warm code, and the few steps it would ask for
     * time the per-run setup instead of training. Every peer is sized the same way.
     */
    private int stepsFor(java.util.function.IntFunction<Repeats.Work> probe, int probeSteps) throws Exception {
        int steps = probeSteps;
        double lastPerStep = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            probe.apply(steps).run();
            double took = (System.nanoTime() - t0) / 1e9;
            double perStep = took / steps;
            int next = (int) Math.max(5, Math.min(2000, seconds / perStep));
            if (perStep > 0.8 * lastPerStep && took >= seconds / 2) {
                return next;
            }
            lastPerStep = perStep;
            steps = next;
        }
        return steps;
    }

    private void trainPair(String name, Dataset data, int batch, int threads) throws Exception {
        ModelSpec spec = PredefinedModels.byName(name);
        Dataset shaped = reshaped(data, spec);
        try (EnginePeer engine = new EnginePeer(threads);
                TorchPeer torch = new TorchPeer(name, batch, threads)) {
            int eSteps = stepsFor(n -> () -> engine.train(spec, shaped, batch, n), 5);
            int tSteps = stepsFor(n -> () -> torch.train(data, batch, n), 5);
            double[][] rates =
                    alternate(() -> engine.train(spec, shaped, batch, eSteps), () -> torch.train(data, batch, tSteps));
            record("train", "learnchain", name, batch, threads, rates[0]);
            record("train", "pytorch-djl", name, batch, threads, rates[1]);
        }
    }

    private void inferTriple(String name, Dataset data, int batch, int threads) throws Exception {
        ModelSpec spec = PredefinedModels.byName(name);
        Dataset shaped = reshaped(data, spec);
        try (EnginePeer engine = new EnginePeer(threads);
                TorchPeer torch = new TorchPeer(name, batch, threads);
                OrtPeer ort = new OrtPeer(spec, batch, threads)) {
            Network net = engine.network(spec, batch);
            double[][] rates = alternate(
                    loop(() -> engine.infer(net, shaped, batch)),
                    loop(() -> torch.infer(data, batch)),
                    loop(() -> ort.infer(data, batch)));
            record("infer", "learnchain", name, batch, threads, rates[0]);
            record("infer", "pytorch-djl", name, batch, threads, rates[1]);
            record("infer", "onnxruntime", name, batch, threads, rates[2]);
        }
    }

    private void gemm(int n, int threads) throws Exception {
        SplitMix64 rng = new SplitMix64(n);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextFloat() - 0.5f;
            b[i] = rng.nextFloat() - 0.5f;
        }
        float[] c = new float[n * n];
        JniUtils.setNumThreads(threads);
        try (ComputePool pool = new ComputePool(threads);
                NDManager m = NDManager.newBaseManager()) {
            NDArray ta = m.create(a, new Shape(n, n));
            NDArray tb = m.create(b, new Shape(n, n));
            double[][] rates = alternate(
                    loop(() -> {
                        Gemm.multiply(pool, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
                        return 2.0 * n * n * n;
                    }),
                    loop(() -> TorchPeer.matmul(ta, tb, n)));
            double peak = MachinePeak.detect().gflopsPerCore() * threads;
            String[] engines = {"learnchain", "pytorch-djl"};
            for (int e = 0; e < engines.length; e++) {
                double[] gflops = new double[rates[e].length];
                for (int i = 0; i < gflops.length; i++) {
                    gflops[i] = rates[e][i] / 1e9;
                }
                double median = Measurement.of("gemm", engines[e], "gemm" + n, n, threads, gflops, "")
                        .median();
                emit(Measurement.of(
                        "gemm",
                        engines[e],
                        "gemm" + n,
                        n,
                        threads,
                        gflops,
                        String.format(Locale.ROOT, "\"shareOfPeak\":%.3f", peak > 0 ? median / peak : 0)));
            }
        }
    }

    /** Repeats {@code once} until about {@code seconds} have passed; the work is the sum. */
    private Repeats.Work loop(Repeats.Work once) {
        return () -> {
            double items = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            do {
                items += once.run();
            } while (System.nanoTime() < end);
            return items;
        };
    }

    /** Warm-up for each peer, then repeat rounds in which each peer runs once, in turn. */
    private double[][] alternate(Repeats.Work... peers) throws Exception {
        for (Repeats.Work p : peers) {
            Repeats.measure(warmups, 0, p);
        }
        double[][] rates = new double[peers.length][repeats];
        for (int r = 0; r < repeats; r++) {
            for (int p = 0; p < peers.length; p++) {
                rates[p][r] = Repeats.measure(0, 1, peers[p])[0];
            }
        }
        return rates;
    }

    private void record(String kind, String engine, String model, int batch, int threads, double[] rates) {
        emit(Measurement.of(kind, engine, model, batch, threads, rates, ""));
    }

    private void emit(Measurement m) {
        results.add(m);
        out.println(m.json());
        out.flush();
    }

    private void printRatios() {
        for (Measurement m : results) {
            if (!m.engine().equals("learnchain")) {
                continue;
            }
            for (Measurement p : results) {
                if (!p.engine().equals("learnchain")
                        && p.kind().equals(m.kind())
                        && p.model().equals(m.model())
                        && p.batch() == m.batch()
                        && p.threads() == m.threads()) {
                    out.printf(
                            Locale.ROOT,
                            "{\"kind\":\"ratio\",\"of\":\"%s\",\"model\":\"%s\",\"batch\":%d,\"threads\":%d,"
                                    + "\"learnchainOver\":\"%s\",\"ratio\":%.3f}%n",
                            m.kind(),
                            m.model(),
                            m.batch(),
                            m.threads(),
                            p.engine(),
                            m.median() / p.median());
                }
            }
        }
    }

    private static Dataset reshaped(Dataset d, ModelSpec spec) {
        return new Dataset(d.name(), spec.layout().input().dims(), d.classes(), d.features(), d.labels());
    }
}
