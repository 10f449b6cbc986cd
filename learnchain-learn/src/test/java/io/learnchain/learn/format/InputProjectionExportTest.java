package io.learnchain.learn.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import org.junit.jupiter.api.Test;

/**
 * An export behind an {@link InputProjection} reads raw samples: ONNX Runtime's logits on the raw
 * Fashion-MNIST images equal the engine's on the features computed here as the chain's quantizer
 * and projection do (the chain's own classes are compared in the CLI's PrivateModelOnnxTest).
 */
class InputProjectionExportTest {
    static final ModelSpec SPEC = ModelSpec.parse("input 16 | dense 24 | relu | dense 10");

    static InputProjection projection(int pool, int levels, long seed) {
        int n = (28 / pool) * (28 / pool);
        SplitMix64 rng = new SplitMix64(seed);
        int[][] rows = new int[16][n];
        for (int[] row : rows) {
            for (int i = 0; i < n; i++) {
                row[i] = rng.nextInt(3) - 1;
            }
        }
        return new InputProjection(28, 28, pool, levels, rows, (float) (1.0 / (levels * Math.sqrt(n))));
    }

    /** The features as the chain computes them: block sums in float row by row, Math.round, clamp, rows, scale. */
    static Dataset reference(Dataset raw, InputProjection p) {
        int[][] rows = p.rows();
        int k = rows.length;
        int outW = p.width() / p.pool();
        float[] x = new float[raw.count() * k];
        float levelScale = (float) p.levels() / (p.pool() * p.pool());
        for (int s = 0; s < raw.count(); s++) {
            int off = s * raw.sampleSize();
            int[] q = new int[p.dimension()];
            for (int r = 0; r < p.height() / p.pool(); r++) {
                for (int c = 0; c < outW; c++) {
                    float sum = 0f;
                    for (int dr = 0; dr < p.pool(); dr++) {
                        for (int dc = 0; dc < p.pool(); dc++) {
                            sum += raw.features()[off + (r * p.pool() + dr) * p.width() + c * p.pool() + dc];
                        }
                    }
                    q[r * outW + c] = Math.max(0, Math.min(p.levels(), Math.round(sum * levelScale)));
                }
            }
            for (int j = 0; j < k; j++) {
                long dot = 0;
                for (int i = 0; i < q.length; i++) {
                    dot += (long) q[i] * rows[j][i];
                }
                x[s * k + j] = (float) dot * p.scale();
            }
        }
        return new Dataset(raw.name() + "/projected", new int[] {k}, raw.classes(), x, raw.labels());
    }

    @Test
    void thePrefixedGraphReadsRawImagesAndGivesTheEnginesLogits() throws OrtException {
        Dataset raw = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        for (int pool : new int[] {1, 2, 4}) {
            InputProjection p = projection(pool, 15, 40 + pool);
            Dataset features = reference(raw, p);
            Model model = OnnxExporterTest.trainBriefly(SPEC, features);
            float[] engine = OnnxExporterTest.engineLogits(model, features);
            float[] onnx = rawLogits(OnnxExporter.export(model, p), raw);
            assertThat(onnx).hasSameSizeAs(engine);
            float worst = 0;
            for (int i = 0; i < engine.length; i++) {
                worst = Math.max(worst, Math.abs(onnx[i] - engine[i]));
            }
            for (int s = 0; s < raw.count(); s++) {
                assertThat(OnnxExporterTest.argmax(onnx, s * 10, 10))
                        .as("pool %d, sample %d", pool, s)
                        .isEqualTo(OnnxExporterTest.argmax(engine, s * 10, 10));
            }
            System.out.println("pool " + pool + ": " + raw.count() + " raw samples, largest logit difference " + worst);
            assertThat(worst).as("pool %d", pool).isLessThanOrEqualTo(OnnxExporterTest.TOLERANCE);
        }
    }

    @Test
    void theGraphSaysWhatItReadsAndRefusesAModelOfAnotherWidth() throws Exception {
        InputProjection p = projection(2, 15, 5);
        Model model = new Model(SPEC, new float[SPEC.layout().parameterCount()]);
        ModelProto proto = ModelProto.parseFrom(OnnxExporter.export(model, p));
        assertThat(proto.getGraph()
                        .getInput(0)
                        .getType()
                        .getTensorType()
                        .getShape()
                        .getDim(1)
                        .getDimValue())
                .isEqualTo(784);
        assertThat(proto.getMetadataPropsList())
                .anySatisfy(e -> assertThat(e.getKey()).isEqualTo(OnnxExporter.PROJECTION_KEY));
        ModelSpec wide = ModelSpec.parse("input 784 | dense 10");
        assertThatThrownBy(() -> OnnxExporter.export(new Model(wide, new float[7850]), p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads 784 values");
    }

    static float[] rawLogits(byte[] onnx, Dataset raw) throws OrtException {
        return OnnxExporterTest.onnxLogits(onnx, raw, new long[] {raw.count(), raw.sampleSize()});
    }
}
