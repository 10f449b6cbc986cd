package io.learnchain.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.cli.learn.OnnxModelFile;
import io.learnchain.learn.format.onnx.OnnxImport;
import io.learnchain.node.api.TaskRoutes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain task post}: asks the node to post a task with its own key. */
@Command(
        name = "post",
        mixinStandardHelpOptions = true,
        description = "Post a task: the node loads the data, keeps the test shards secret, escrows rounds x reward "
                + "from its own account and reveals one shard per round.")
final class TaskPostCommand implements Callable<Integer> {
    /** How long a private post may take: the node encrypts the whole training set before it answers. */
    static final Duration PRIVATE_POST_TIMEOUT = Duration.ofMinutes(30);

    @ArgGroup(multiplicity = "1")
    ModelChoice model;

    /** The task's architecture: named or written out, or read from a PyTorch model's ONNX file. */
    static final class ModelChoice {
        @Option(
                names = "--model",
                required = true,
                paramLabel = "MODEL",
                description = "A predefined model (mlp-small, mlp, lenet5, lstm-rows) or a spec text "
                        + "('input 784 | dense 64 | relu | dense 10').")
        String text;

        @Option(
                names = "--model-onnx",
                required = true,
                paramLabel = "FILE",
                description = "The architecture of a model exported by PyTorch (torch.onnx.export), read here and"
                        + " sent as its spec text; the rounds train it from seeded weights, not the file's"
                        + " (docs/data-and-models.md).")
        Path onnx;
    }

    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist-small",
            paramLabel = "NAME",
            description = "fashion-mnist (the full set, when installed), fashion-mnist-small (bundled; default), or"
                    + " files on the node's machine: fashion-mnist:DIR, csv:FILE[,TEST], imagefolder:DIR,"
                    + " npy:X.npy,Y.npy or npz:FILE.")
    String dataset;

    @Option(names = "--reward", required = true, paramLabel = "COINS", description = "Reward per round, in coins.")
    String reward;

    @Option(names = "--rounds", required = true, paramLabel = "N", description = "Rounds (one test shard each).")
    int rounds;

    @Option(
            names = "--min-accuracy",
            required = true,
            paramLabel = "FRACTION",
            description = "Minimum training accuracy of a solution, 0..1.")
    double minAccuracy;

    @Option(
            names = "--expected-seconds",
            defaultValue = "60",
            paramLabel = "S",
            description = "Expected training time per round (default: ${DEFAULT-VALUE}).")
    long expectedSeconds;

    @Option(
            names = "--min-phase",
            defaultValue = "5",
            paramLabel = "S",
            description =
                    "The reveal waits at least this long after the round's parent block (default: ${DEFAULT-VALUE}).")
    long minPhase;

    @Option(
            names = "--max-phase",
            defaultValue = "600",
            paramLabel = "S",
            description = "Without a reveal for this long a round may be forfeited (default: ${DEFAULT-VALUE}).")
    long maxPhase;

    @Option(
            names = "--private",
            description = "Encrypt the training set (inner-product functional encryption, docs/protocol.md 3.9): the"
                    + " miners train on 16 projections of each sample a round and never see a sample. Needs a dense"
                    + " model (mlp-small, mlp); at most 12 rounds for 28x28 images; encrypting 6,000 samples takes"
                    + " about a minute on 2 cores.")
    boolean privateData;

    @Option(
            names = "--fee",
            defaultValue = "0",
            paramLabel = "COINS",
            description = "Transaction fee (default: ${DEFAULT-VALUE}).")
    String fee;

    @Mixin
    ApiOption api;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(minAccuracy >= 0 && minAccuracy <= 1)) {
            throw new UserException("--min-accuracy is a fraction 0..1 (0.5 = 50%), got " + minAccuracy);
        }
        PrintWriter out = spec.commandLine().getOut();
        String modelText = model.text != null ? model.text : onnxSpec(out);
        // the server's own request record: one definition of the body, its fields and units
        TaskRoutes.PostTaskRequest body = new TaskRoutes.PostTaskRequest(
                modelText,
                dataset,
                reward,
                rounds,
                minAccuracy,
                null,
                expectedSeconds,
                minPhase,
                maxPhase,
                fee,
                privateData ? Boolean.TRUE : null);
        if (privateData && !json.json) {
            out.println("encrypting the training set on the node (about a minute for 6,000 samples on 2 cores)...");
            out.flush();
        }
        JsonNode posted = privateData
                ? api.client().post("/api/v1/tasks", body, PRIVATE_POST_TIMEOUT)
                : api.client().post("/api/v1/tasks", body);
        if (json.json) {
            JsonOption.printJson(out, posted);
            return 0;
        }
        out.println("posted     transaction " + posted.path("tx").asText() + " (pending until a block includes it)");
        out.println("requester  " + posted.path("requester").asText());
        out.println("model      " + posted.path("model").asText());
        out.println("data       " + posted.path("dataOrigin").asText());
        out.println("rounds     " + posted.path("rounds").asInt() + " x "
                + posted.path("rewardPerRound").path("coins").asText() + " LC, escrow "
                + posted.path("escrow").path("coins").asText() + " LC");
        out.println("follow it  learnchain task list; learnchain task show ID");
        out.flush();
        return 0;
    }

    /** The --model-onnx file's spec text; says (without --json) what the import left out and that its weights stay here. */
    private String onnxSpec(PrintWriter out) {
        OnnxImport imported = OnnxModelFile.read(model.onnx);
        if (!json.json) {
            OnnxModelFile.printNotes(out, model.onnx, imported);
            out.println("note: " + model.onnx + ": " + imported.summary() + "; a task's rounds train this"
                    + " architecture from the protocol's seeded weights, so the file's weights stay here");
        }
        return imported.spec().text();
    }
}
