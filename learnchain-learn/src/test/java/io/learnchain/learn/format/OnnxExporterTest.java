package io.learnchain.learn.format;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exported models predict in ONNX Runtime as in the engine: same argmax everywhere, logits within 1e-5. */
class OnnxExporterTest {
    static final float TOLERANCE = 1e-5f;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp-small", "mlp", "lenet5", "lstm-rows", "dqn-mlp"})
    void onnxRuntimeAgreesWithTheEngine(String name) throws OrtException {
        ModelSpec spec = PredefinedModels.byName(name);
        Dataset test = inputsFor(name, spec);
        Model model = trainBriefly(spec, test);
        float[] engine = engineLogits(model, test);
        float[] onnx = onnxLogits(OnnxExporter.export(model), spec, test);
        int classes = spec.outputSize();
        assertThat(onnx).hasSameSizeAs(engine);
        float worst = 0;
        for (int s = 0; s < test.count(); s++) {
            assertThat(argmax(onnx, s * classes, classes))
                    .as("argmax of sample %d", s)
                    .isEqualTo(argmax(engine, s * classes, classes));
            for (int c = 0; c < classes; c++) {
                worst = Math.max(worst, Math.abs(onnx[s * classes + c] - engine[s * classes + c]));
            }
        }
        System.out.println(name + ": " + test.count() + " samples, largest logit difference " + worst);
        assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "input 1x12x10 | conv2d 3 k3 s2 p1 | sigmoid | maxpool 2 s1 | flatten | dense 8 | tanh | dense 4",
                "input 2x9x9 | conv2d 4 k4 s1 p0 | tanh | maxpool 3 s2 | flatten | dense 5",
                "input 6x5 | lstm 7 | tanh | dense 3",
                "input 20 | dense 16 | sigmoid | dense 16 | tanh | dense 6"
            })
    void onnxRuntimeAgreesOnCustomSpecs(String text) throws OrtException {
        ModelSpec spec = ModelSpec.parse(text);
        int classes = spec.outputSize();
        int n = 200;
        Dataset data = randomData(spec, n, text.hashCode());
        Model model = trainBriefly(spec, data);
        float[] engine = engineLogits(model, data);
        float[] onnx = onnxLogits(OnnxExporter.export(model), spec, data);
        float worst = 0;
        for (int s = 0; s < n; s++) {
            assertThat(argmax(onnx, s * classes, classes))
                    .as("argmax of sample %d", s)
                    .isEqualTo(argmax(engine, s * classes, classes));
            for (int c = 0; c < classes; c++) {
                worst = Math.max(worst, Math.abs(onnx[s * classes + c] - engine[s * classes + c]));
            }
        }
        System.out.println(text + ": largest logit difference " + worst);
        assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
    }

    /** The bundled test images for image models; seeded CartPole-like observations for dqn-mlp. */
    static Dataset inputsFor(String name, ModelSpec spec) {
        if (!name.equals("dqn-mlp")) {
            Dataset d = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
            return new Dataset(d.name(), spec.layout().input().dims(), d.classes(), d.features(), d.labels());
        }
        SplitMix64 rng = new SplitMix64(4242);
        int n = 1000;
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = x[4 * i + 2] > 0 ? 1 : 0;
        }
        return new Dataset("observations", new int[] {4}, 2, x, y);
    }

    /** {@code n} seeded Gaussian samples of the spec's input shape with random labels. */
    static Dataset randomData(ModelSpec spec, int n, long seed) {
        int size = spec.layout().input().size();
        int classes = spec.outputSize();
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[n * size];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return new Dataset("random", spec.layout().input().dims(), classes, x, y);
    }

    /** A few Adam steps, so the weights are no longer their initial values. */
    static Model trainBriefly(ModelSpec spec, Dataset data) {
        TrainingRecord record = new TrainingRecord(new TrainingStart.FromSeed(7), Optimizer.Adam.of(1e-3f), 32, 10, 99);
        try (ComputePool pool = new ComputePool(1)) {
            return new Trainer(pool).train(TrainingJob.of(spec, record, data));
        }
    }

    static float[] engineLogits(Model model, Dataset data) {
        Network net = new Network(model.spec(), data.count());
        net.load(model);
        float[] out = net.forward(ComputePool.serial(), data.features(), data.count());
        return Arrays.copyOf(out, data.count() * model.spec().outputSize());
    }

    static float[] onnxLogits(byte[] onnx, ModelSpec spec, Dataset data) throws OrtException {
        int[] dims = spec.layout().input().dims();
        long[] shape = new long[dims.length + 1];
        shape[0] = data.count();
        for (int i = 0; i < dims.length; i++) {
            shape[i + 1] = dims[i];
        }
        return onnxLogits(onnx, data, shape);
    }

    /** The logits of {@code onnx} in ONNX Runtime on {@code data}'s samples fed as a tensor of {@code shape}. */
    static float[] onnxLogits(byte[] onnx, Dataset data, long[] shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx, opts);
                    OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(data.features()), shape);
                    OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
                OnnxTensor out = (OnnxTensor) result.get(OnnxExporter.OUTPUT).orElseThrow();
                FloatBuffer fb = out.getFloatBuffer();
                float[] logits = new float[fb.remaining()];
                fb.get(logits);
                return logits;
            }
        }
    }

    static int argmax(float[] v, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[off + i] > v[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
