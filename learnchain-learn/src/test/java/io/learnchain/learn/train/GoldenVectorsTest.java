package io.learnchain.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.fixtures.DeterminismProbe;
import io.learnchain.learn.fixtures.SyntheticData;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.tensor.Gemm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Committed hashes of kernel outputs, initial weights and weights after a few training steps of every
 * predefined model (src/test/resources/golden/engine.txt). They must never change silently: a change
 * breaks replay of every training record on chain. To regenerate deliberately, run with
 * -Dlearnchain.golden.write=true and say why in the commit.
 */
class GoldenVectorsTest {
    private static final String FILE = "golden/engine.txt";

    @Test
    void kernelsInitialWeightsAndTrainedWeightsMatchCommittedHashes() throws IOException {
        Map<String, String> actual = compute();
        if (Boolean.getBoolean("learnchain.golden.write")) {
            StringBuilder sb = new StringBuilder();
            actual.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
            Files.writeString(Path.of("src/test/resources", FILE), sb.toString());
        }
        assertThat(actual).isEqualTo(committed());
    }

    private static Map<String, String> compute() {
        Map<String, String> out = new LinkedHashMap<>();
        int[][] shapes = {{13, 70, 37}, {64, 10, 128}, {8, 32, 5}, {1, 1, 1000}};
        for (int[] s : shapes) {
            out.put("gemm-" + s[0] + "x" + s[1] + "x" + s[2], gemmHash(s[0], s[1], s[2]));
        }
        try (ComputePool pool = new ComputePool(2)) {
            for (String line : DeterminismProbe.lines(1)) {
                String[] p = line.split(" ");
                out.put("probe-" + p[0], p[1]);
            }
            for (String name : PredefinedModels.names()) {
                ModelSpec spec = PredefinedModels.byName(name);
                out.put("init-" + name, Initializer.initialize(spec, 1).hash().toHex());
                int[] shape = spec.input().dims();
                Dataset data = SyntheticData.make(name, shape, spec.outputSize(), 40, 3);
                for (Optimizer opt : new Optimizer[] {new Optimizer.Sgd(0.01f, 0.9f), Optimizer.Adam.of(1e-3f)}) {
                    TrainingRecord rec = new TrainingRecord(new TrainingStart.FromSeed(1), opt, 8, 3, 42);
                    Model m = new Trainer(pool).train(TrainingJob.of(spec, rec, data));
                    out.put("train3-" + name + "-" + opt.text().split(" ")[0], m.hash().toHex());
                }
            }
        }
        out.put("record-example", new TrainingRecord(new TrainingStart.FromSeed(7), Optimizer.Adam.of(1e-3f), 64,
                1000, 123).hash().toHex());
        return out;
    }

    private static String gemmHash(int m, int n, int k) {
        SplitMix64 rng = new SplitMix64(m * 1_000_003L + n * 1009L + k);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (float[] x : new float[][] {a, b, c}) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
        }
        Gemm.multiply(ComputePool.serial(), m, n, k, a, 0, k, b, 0, n, c, 0, n, true);
        ByteBuffer buf = ByteBuffer.allocate(4 * c.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(c);
        return Hash.sha256(buf.array()).toHex();
    }

    private static Map<String, String> committed() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = GoldenVectorsTest.class.getClassLoader().getResourceAsStream(FILE)) {
            assertThat(in).as("committed golden file %s", FILE).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] p = line.split(" ");
                    out.put(p[0], p[1]);
                }
            }
        }
        return out;
    }
}
