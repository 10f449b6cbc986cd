package io.learnchain.cli.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnchain.base.Hash;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A private task's model (k = 16 inputs, the default projection of 28x28 images) behind its round's
 * projection, as {@code task model} writes model.onnx: in ONNX Runtime on the raw Fashion-MNIST test
 * images it gives the engine's logits on {@link ProjectionSpec#project} of the same images.
 */
class PrivateModelOnnxTest {
    static final ProjectionSpec SPEC = ProjectionSpec.defaultsFor(28, 28);
    static final ModelSpec MODEL = ModelSpec.parse("input 16 | dense 32 | relu | dense 10");
    static final Hash ROUND_KEY = Hash.sha256("a private round".getBytes(StandardCharsets.US_ASCII));

    @Test
    void theProjectedModelReadsRawImagesAndAgreesWithTheEngineOnTheProjection() throws OrtException {
        int[][] rows = SPEC.weights(ROUND_KEY);
        Dataset train = SPEC.project(BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN), rows);
        Dataset raw = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        Dataset projected = SPEC.project(raw, rows);
        Model model = train(train);
        float[] engine = engineLogits(model, projected);
        float[] onnx = rawLogits(OnnxExporter.export(model, SPEC.inputProjection(ROUND_KEY)), raw);
        assertThat(onnx).hasSameSizeAs(engine);
        int agree = 0;
        int correct = 0;
        float worst = 0;
        for (int s = 0; s < raw.count(); s++) {
            int a = argmax(onnx, s * 10);
            agree += a == argmax(engine, s * 10) ? 1 : 0;
            correct += a == raw.labels()[s] ? 1 : 0;
            for (int c = 0; c < 10; c++) {
                worst = Math.max(worst, Math.abs(onnx[s * 10 + c] - engine[s * 10 + c]));
            }
        }
        System.out.printf(
                "private model.onnx on %d raw images: argmax agrees on %d, accuracy %.4f, largest logit difference %s%n",
                raw.count(), agree, (double) correct / raw.count(), worst);
        // the graph adds each pooling block in the chain's order, so the levels are the chain's bit
        // for bit and the logits differ only as any export's do; an argmax may still differ on a tie
        assertThat(worst).isLessThanOrEqualTo(1e-5f);
        assertThat(agree).isGreaterThanOrEqualTo((int) Math.ceil(0.995 * raw.count()));
        assertThat((double) correct / raw.count())
                .as("the model learnt something")
                .isGreaterThan(0.3);

        // control: the model alone reads the 16 projected features and cannot be fed a raw image
        assertThatThrownBy(() -> rawLogits(OnnxExporter.export(model), raw)).isInstanceOf(OrtException.class);
    }

    @Test
    void taskModelWritesTheModelBehindTheProjectionTheMetadataNames() {
        Model model = new Model(MODEL, new float[MODEL.layout().parameterCount()]);
        ObjectNode notes = new ObjectMapper().createObjectNode();
        assertThat(TaskModelCommand.projection(notes)).isEmpty();
        assertThat(TaskModelCommand.onnx(model, notes)).isEqualTo(OnnxExporter.export(model));
        notes.put("projection.height", "28")
                .put("projection.width", "28")
                .put("projection.pool", "2")
                .put("projection.levels", "15")
                .put("projection.k", "16")
                .put("projection.weightRange", "1")
                .put("projection.roundKey", ROUND_KEY.toHex());
        assertThat(TaskModelCommand.projection(notes)).contains(SPEC);
        assertThat(TaskModelCommand.onnx(model, notes))
                .isEqualTo(OnnxExporter.export(model, SPEC.inputProjection(ROUND_KEY)));
    }

    static Model train(Dataset data) {
        TrainingRecord record =
                new TrainingRecord(new TrainingStart.FromSeed(7), Optimizer.Adam.of(3e-3f), 32, 300, 99);
        try (ComputePool pool = new ComputePool(1)) {
            return new Trainer(pool).train(TrainingJob.of(MODEL, record, data));
        }
    }

    static float[] engineLogits(Model model, Dataset data) {
        Network net = new Network(model.spec(), data.count());
        net.load(model);
        float[] out = net.forward(ComputePool.serial(), data.features(), data.count());
        return Arrays.copyOf(out, data.count() * model.spec().outputSize());
    }

    static float[] rawLogits(byte[] onnx, Dataset raw) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(raw.features()), new long[] {raw.count(), raw.sampleSize()});
                OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
            FloatBuffer fb = ((OnnxTensor) result.get(OnnxExporter.OUTPUT).orElseThrow()).getFloatBuffer();
            float[] logits = new float[fb.remaining()];
            fb.get(logits);
            return logits;
        }
    }

    static int argmax(float[] v, int off) {
        int best = 0;
        for (int i = 1; i < 10; i++) {
            if (v[off + i] > v[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
