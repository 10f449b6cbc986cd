package io.learnchain.learn.format;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.format.onnx.OnnxImporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bring your own model, end to end: a PyTorch ONNX file is imported, trained on by the engine from
 * its own weights (bundled Fashion-MNIST), exported again, and ONNX Runtime then predicts what the
 * engine predicts.
 */
class OnnxRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp", "lenet", "lstm-last-step"})
    void importTrainExportPredictsAsTheEngineInOnnxRuntime(String name) throws OrtException {
        Model imported = OnnxImporter.read(OnnxFixtures.onnx(name)).model();
        ModelSpec spec = imported.spec();
        Dataset train = shaped(BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TRAIN), spec);
        Dataset test = shaped(BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST), spec);
        TrainingRecord record =
                new TrainingRecord(new TrainingStart.FromParent(imported.hash()), Optimizer.Adam.of(1e-3f), 32, 20, 11);
        Model trained;
        try (ComputePool pool = new ComputePool(1)) {
            trained = new Trainer(pool).train(TrainingJob.continuing(spec, record, train, imported));
        }
        assertThat(trained.hash()).as("training moved the weights").isNotEqualTo(imported.hash());

        float[] engine = OnnxExporterTest.engineLogits(trained, test);
        float[] onnx = OnnxExporterTest.onnxLogits(OnnxExporter.export(trained), spec, test);
        int classes = spec.outputSize();
        float worst = 0;
        for (int s = 0; s < test.count(); s++) {
            assertThat(OnnxExporterTest.argmax(onnx, s * classes, classes))
                    .as("argmax of sample %d", s)
                    .isEqualTo(OnnxExporterTest.argmax(engine, s * classes, classes));
            for (int c = 0; c < classes; c++) {
                worst = Math.max(worst, Math.abs(onnx[s * classes + c] - engine[s * classes + c]));
            }
        }
        System.out.println(name + " imported, trained 20 steps, exported: " + test.count()
                + " samples, largest logit difference " + worst);
        assertThat(worst).isLessThanOrEqualTo(OnnxExporterTest.TOLERANCE);
    }

    /** The bundled images in the model's input shape ([1, 28, 28] or [28, 28]: the same values). */
    private static Dataset shaped(Dataset d, ModelSpec spec) {
        return new Dataset(d.name(), spec.layout().input().dims(), d.classes(), d.features(), d.labels());
    }
}
