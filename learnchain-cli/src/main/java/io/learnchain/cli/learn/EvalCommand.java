package io.learnchain.cli.learn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Evaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain eval}: the exact accuracy (correct count) of a model file on a data set's test split. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluate a model file (or a PyTorch model as ONNX) on a data set's test split: correct,"
                + " total, accuracy.")
public final class EvalCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    ModelSource source;

    /** The model to evaluate: a learnchain model file, or a PyTorch model as ONNX with its own weights. */
    static final class ModelSource {
        @Option(
                names = "--model-file",
                required = true,
                paramLabel = "FILE",
                description = "model.lcm or model.safetensors.")
        Path modelFile;

        @Option(
                names = "--model-onnx",
                required = true,
                paramLabel = "FILE",
                description = "A model exported by PyTorch (torch.onnx.export), evaluated with the weights in the"
                        + " file (docs/data-and-models.md lists what is supported).")
        Path modelOnnx;
    }

    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist-small",
            description = "As for train (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--threads", defaultValue = "1", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Override
    public void run() {
        if (threads < 1 || threads > 256) {
            throw new UserException("--threads must be in [1, 256], got " + threads);
        }
        Model model = source.modelOnnx != null
                ? OnnxModelFile.read(source.modelOnnx).model()
                : ModelFiles.read(source.modelFile);
        Dataset test = DataLoading.load(dataset, json).test();
        int correct;
        try (ComputePool pool = new ComputePool(threads)) {
            correct = new Evaluator(pool).correctCount(model, test);
        }
        double accuracy = (double) correct / test.count();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("modelHash", model.hash().toHex());
            n.put("dataset", test.name());
            n.put("correct", correct);
            n.put("total", test.count());
            n.put("accuracy", accuracy);
            o.println(n.toString());
        } else {
            o.printf("model    %s%n", model.hash().toHex());
            o.printf("data     %s%n", test.name());
            o.printf("correct  %d%n", correct);
            o.printf("total    %d%n", test.count());
            o.printf("accuracy %.4f%n", accuracy);
        }
        o.flush();
    }
}
