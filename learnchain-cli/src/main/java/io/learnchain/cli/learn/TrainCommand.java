package io.learnchain.cli.learn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.format.onnx.OnnxImport;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingProgress;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.VectorSupport;
import io.learnchain.node.data.TrainTestData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain train}: trains a model on a data set with the deterministic engine and reports. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train a model with the deterministic engine; print train/test accuracy, speed and the model hash.")
public final class TrainCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            description = "Predefined model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = ModelNames.class,
            defaultValue = "mlp")
    String model;

    @Option(
            names = "--model-spec",
            paramLabel = "FILE",
            description = "Custom layer list in JSON or TOML (overrides --model).")
    Path modelSpec;

    @Option(
            names = "--model-onnx",
            paramLabel = "FILE",
            description = "A model exported by PyTorch (torch.onnx.export of an nn.Sequential): its architecture"
                    + " (instead of --model or --model-spec); see docs/data-and-models.md.")
    Path modelOnnx;

    @Option(
            names = "--onnx-weights",
            description = "With --model-onnx: start training from the file's weights instead of seeded ones.")
    boolean onnxWeights;

    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist-small",
            description = "fashion-mnist-small (bundled), "
                    + "fashion-mnist, fashion-mnist:DIR, csv:FILE or csv:TRAIN,TEST, imagefolder:DIR (a sub-folder of"
                    + " PNG/JPEG images per class), npy:X.npy,Y.npy or npz:FILE (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--epochs",
            defaultValue = "1",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--steps", description = "Stop after this many optimizer steps (overrides --epochs).")
    Long steps;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(
            names = "--optimizer",
            defaultValue = "adam",
            description = "adam or sgd (momentum 0.9) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the initial weights and the data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Compute threads; the result is the same for any count (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write model.lcm, model.safetensors, model.onnx and metadata.json here.")
    Path out;

    @Option(names = "--json", description = "End with one JSON line of the results.")
    boolean json;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        Optional<OnnxImport> imported = importOnnx(o);
        ModelSpec modelSpecValue = imported.map(OnnxImport::spec)
                .orElseGet(() -> modelSpec != null ? ModelSpecFile.read(modelSpec) : predefined(model));
        Optional<Model> parent = imported.filter(i -> onnxWeights).map(OnnxImport::model);
        if (threads < 1 || threads > 256) {
            throw new UserException("--threads must be in [1, 256], got " + threads);
        }
        if (epochs < 1) {
            throw new UserException("--epochs must be at least 1, got " + epochs);
        }
        if (!(lr > 0f) || !Float.isFinite(lr)) {
            throw new UserException("--lr must be a positive number, got " + lr);
        }
        TrainTestData data = DataLoading.load(dataset, json);
        if (data.testIsTrain() && !json) {
            o.println("note: no test set given, so test accuracy is measured on the training data (use csv:TRAIN,TEST,"
                    + " DIR/train and DIR/test, or test arrays)");
        }
        if (batch < 1 || batch > data.train().count()) {
            throw new UserException(
                    "--batch must be in [1, " + data.train().count() + "] (the training set size), got " + batch);
        }
        long stepCount = steps != null ? steps : (long) epochs * (data.train().count() / batch);
        if (stepCount < 1) {
            throw new UserException("--steps must be at least 1, got " + stepCount);
        }
        TrainingRecord record = new TrainingRecord(
                parent.<TrainingStart>map(p -> new TrainingStart.FromParent(p.hash()))
                        .orElse(new TrainingStart.FromSeed(seed)),
                optimizer(),
                batch,
                stepCount,
                SplitMix64.derive(seed, 1).nextLong());
        TrainingJob job = parent.map(p -> TrainingJob.continuing(modelSpecValue, record, data.train(), p))
                .orElseGet(() -> TrainingJob.of(modelSpecValue, record, data.train()));
        Result r;
        try (ComputePool pool = new ComputePool(threads)) {
            r = trainAndEvaluate(job, pool, data);
        }
        report(o, modelSpecValue, data, record, r);
    }

    /** The --model-onnx file's model, when given (the only model option then). */
    private Optional<OnnxImport> importOnnx(PrintWriter o) {
        if (modelOnnx == null) {
            if (onnxWeights) {
                throw new UserException("--onnx-weights starts from the weights of --model-onnx FILE: give the file");
            }
            return Optional.empty();
        }
        if (modelSpec != null || spec.commandLine().getParseResult().hasMatchedOption("--model")) {
            throw new UserException("give one of --model, --model-spec or --model-onnx");
        }
        OnnxImport imported = OnnxModelFile.read(modelOnnx);
        if (!json) {
            OnnxModelFile.printNotes(o, modelOnnx, imported);
        }
        return Optional.of(imported);
    }

    private record Result(Model model, double seconds, int trainCorrect, int testCorrect) {}

    private Result trainAndEvaluate(TrainingJob job, ComputePool pool, TrainTestData data) {
        long steps = job.record().steps();
        boolean terminal = DataLoading.isTerminal() && !json;
        ProgressBar bar = terminal
                ? new ProgressBarBuilder()
                        .setTaskName("train")
                        .setInitialMax(steps)
                        .setUnit(" steps", 1)
                        .showSpeed()
                        .build()
                : null;
        int interval = (int) Math.max(1, Math.min(100, steps / 100));
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                if (bar != null) {
                    bar.stepTo(p.step());
                    bar.setExtraMessage(String.format(" loss %.4f acc %.3f", p.meanLoss(), p.accuracy()));
                }
            }

            @Override
            public int interval() {
                return interval;
            }
        };
        long start = System.nanoTime();
        Model trained;
        try {
            trained = new Trainer(pool).train(job.withListener(listener));
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluator evaluator = new Evaluator(pool);
        return new Result(
                trained,
                seconds,
                evaluator.correctCount(trained, data.train()),
                evaluator.correctCount(trained, data.test()));
    }

    private void report(PrintWriter o, ModelSpec modelSpecValue, TrainTestData data, TrainingRecord record, Result r) {
        double trainAcc = (double) r.trainCorrect() / data.train().count();
        double testAcc = (double) r.testCorrect() / data.test().count();
        double samplesPerSecond = record.steps() * (double) record.batchSize() / Math.max(r.seconds(), 1e-9);
        List<Path> written = List.of();
        if (out != null) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("trainAccuracy", trainAcc);
            metrics.put("testAccuracy", testAcc);
            metrics.put("samplesPerSecond", samplesPerSecond);
            written = ModelFiles.writeAll(out, r.model(), Optional.of(record), metrics, notes(data));
        }
        if (!json) {
            o.printf(
                    "model      %s (%d parameters)%n",
                    modelSpecValue.text(), r.model().parameterCount());
            o.printf(
                    "data       %s: %d train, %d test%n",
                    data.origin(), data.train().count(), data.test().count());
            o.printf(
                    "training   %d steps of %d, %s, %d thread(s), from %s%n",
                    record.steps(),
                    record.batchSize(),
                    record.optimizer().text(),
                    threads,
                    onnxWeights ? "the weights of " + modelOnnx : record.start().text());
            VectorSupport vectors = VectorSupport.detect();
            o.printf("engine     %s%n", vectors.summary());
            vectors.warning().ifPresent(w -> o.printf("WARNING    %s%n", w));
            o.printf(
                    "train acc  %.4f (%d/%d)%n",
                    trainAcc, r.trainCorrect(), data.train().count());
            o.printf(
                    "test acc   %.4f (%d/%d)%n",
                    testAcc, r.testCorrect(), data.test().count());
            o.printf("elapsed    %.2f s, %.0f samples/s%n", r.seconds(), samplesPerSecond);
            o.printf("model hash %s%n", r.model().hash().toHex());
            for (Path p : written) {
                o.printf("wrote      %s%n", p);
            }
        } else {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode n = mapper.createObjectNode();
            n.put("modelHash", r.model().hash().toHex());
            n.put("spec", modelSpecValue.text());
            n.put("dataset", data.origin());
            n.put("trainAccuracy", trainAcc);
            n.put("testAccuracy", testAcc);
            n.put("trainCorrect", r.trainCorrect());
            n.put("testCorrect", r.testCorrect());
            n.put("steps", record.steps());
            n.put("batch", record.batchSize());
            n.put("threads", threads);
            n.set("vector", mapper.valueToTree(VectorSupport.detect().toMap()));
            n.put("elapsedSeconds", r.seconds());
            n.put("samplesPerSecond", samplesPerSecond);
            n.put("trainingRecordHash", record.hash().toHex());
            n.put("start", record.start().text());
            if (out != null) {
                n.put("out", out.toString());
            }
            o.println(n.toString());
        }
        o.flush();
    }

    private Map<String, String> notes(TrainTestData data) {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("dataset", data.origin());
        notes.put("trainedWith", "learnchain train");
        if (modelOnnx != null) {
            notes.put("importedFrom", modelOnnx.getFileName() + (onnxWeights ? " (its weights were the start)" : ""));
        }
        return notes;
    }

    private Optimizer optimizer() {
        return switch (optimizer) {
            case "adam" -> Optimizer.Adam.of(lr);
            case "sgd" -> new Optimizer.Sgd(lr, 0.9f);
            default -> throw new UserException("--optimizer must be adam or sgd, got '" + optimizer + "'");
        };
    }

    private static ModelSpec predefined(String name) {
        try {
            return PredefinedModels.byName(name);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage() + " (or pass --model-spec FILE or --model-onnx FILE)");
        }
    }

    /** The predefined model names for --help. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PredefinedModels.names().iterator();
        }
    }
}
