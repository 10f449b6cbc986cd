package io.learnchain.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.api.ApiClient;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.format.ModelSafetensors;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code learnchain task model ID --out DIR [--round R]}: a task's winning model in the requester's
 * own labels (the round's mapping layer undone) as model.onnx, model.safetensors and metadata.json
 * (task, round and why it was chosen, mapping, block, accuracies, data set hashes, training record).
 * By default the round whose winner did best on the task's whole test set, where the node holds it.
 */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = {
            "Save a task's winning model, predicting your own class labels: model.onnx, model.safetensors"
                    + " and metadata.json.",
            "By default the round winner with the best accuracy on the task's whole test set (the requester's"
                    + " node holds it; another node gives the latest winner until every shard is revealed);"
                    + " metadata.json says which round and why."
        })
final class TaskModelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The task id.")
    long id;

    @Option(names = "--round", paramLabel = "R", description = "Save round R's winning model instead.")
    Integer round;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the files to.")
    Path out;

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
        if (round != null && round < 1) {
            throw new UserException(
                    "--round is a round number from 1 (learnchain task show " + id + " lists them), got " + round);
        }
        ApiClient client = api.client();
        String path = "/api/v1/tasks/" + id + "/model?format=";
        byte[] metadata = client.getBytes(path + "metadata" + (round == null ? "" : "&round=" + round));
        JsonNode meta = parse(metadata);
        String roundText = meta == null ? "" : meta.path("notes").path("round").asText("");
        if (!roundText.matches("[0-9]{1,9}")) {
            throw new UserException("the node sent model metadata without a round number: is it an older learnchain"
                    + " node? Update it, or use GET /api/v1/tasks/" + id + "/model directly");
        }
        // the model of the round the metadata names, even if a better round is decided in between
        int chosen = Integer.parseInt(roundText);
        byte[] safetensors = client.getBytes(path + "safetensors&round=" + chosen);
        Model model;
        try {
            model = ModelSafetensors.read(safetensors, "task " + id + " model from the node");
        } catch (RuntimeException e) {
            throw new UserException("the node sent a model that does not read back: " + e.getMessage(), e);
        }
        if (!model.hash().toHex().equals(meta.path("modelHash").asText())) {
            throw new UserException(
                    "the node sent a model (" + model.hash().toHex() + ") other than its metadata names ("
                            + meta.path("modelHash").asText() + "); try again");
        }
        byte[] onnx = OnnxExporter.export(model);
        try {
            Files.createDirectories(out);
            Files.write(out.resolve("model.safetensors"), safetensors);
            Files.write(out.resolve("model.onnx"), onnx);
            Files.write(out.resolve("metadata.json"), metadata);
        } catch (IOException e) {
            throw new UserException("cannot write the model files to " + out + ": " + e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("taskId", id);
            result.put("round", chosen);
            result.put("modelHash", model.hash().toHex());
            result.put("dir", out.toAbsolutePath().toString());
            result.put("files", List.of("model.onnx", "model.safetensors", "metadata.json"));
            result.put("metadata", meta);
            JsonOption.printJson(w, result);
            return 0;
        }
        JsonNode notes = meta.path("notes");
        JsonNode metrics = meta.path("metrics");
        w.println("round      " + chosen + " of " + notes.path("roundsWon").asText("?") + " won: "
                + notes.path("choiceReason").asText());
        w.println("model      " + model.hash().toHex() + " (" + model.parameterCount() + " parameters), in your labels"
                + " (mined as " + notes.path("minedModelHash").asText().substring(0, 16) + "... under the round's"
                + " label mapping " + notes.path("roundMapping").asText() + ")");
        w.println("won        block " + notes.path("block").asText() + " at height "
                + notes.path("height").asText()
                + ", shard accuracy " + percent(metrics.path("shardAccuracy")) + ", test set accuracy "
                + percent(metrics.path("testAccuracy"))
                + (metrics.path("testSamples").isNumber()
                        ? " on " + metrics.path("testSamples").asInt() + " samples"
                        : " (not known on this node)"));
        w.println("wrote      " + out.resolve("model.onnx") + ", model.safetensors, metadata.json");
        w.flush();
        return 0;
    }

    private static String percent(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.2f%%", 100 * v.asDouble()) : "?";
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JsonOption.mapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
