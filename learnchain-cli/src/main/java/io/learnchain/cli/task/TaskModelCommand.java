package io.learnchain.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.Hash;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.privacy.ProjectionSpec;
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
import java.util.Optional;
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
 * A private task's model reads the k features of its round's projection: model.onnx then has the
 * projection in front (recomputed here from the metadata), so it reads the requester's raw samples.
 */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = {
            "Save a task's winning model, predicting your own class labels: model.onnx, model.safetensors"
                    + " and metadata.json.",
            "By default the round winner with the best accuracy on the task's whole test set (the requester's"
                    + " node holds it; another node gives the latest winner until every shard is revealed);"
                    + " metadata.json says which round and why.",
            "A private task's model.onnx reads your raw samples through the round's projection (recomputed from"
                    + " metadata.json); model.safetensors is the model as mined, reading the projected features."
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
        JsonNode notes = meta.path("notes");
        Optional<ProjectionSpec> projection = projection(notes);
        byte[] onnx = onnx(model, notes);
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
            result.put("onnxInput", projection.isPresent() ? "raw samples through the round's projection" : "samples");
            result.put("metadata", meta);
            JsonOption.printJson(w, result);
            return 0;
        }
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
        projection.ifPresent(p -> w.println("input      private task: model.onnx reads your raw "
                + p.input().height() + "x" + p.input().width() + " samples (input [batch, "
                + p.input().inputSize()
                + "]) through the round's projection (pool " + p.input().pool() + "x"
                + p.input().pool() + ", levels 0.."
                + p.input().levels() + ", k = " + p.width() + " rows in -" + p.weightRange() + ".." + p.weightRange()
                + " from round key "
                + notes.path("projection.roundKey").asText().substring(0, 16)
                + "...); model.safetensors is the model as mined, reading the " + p.width()
                + " projected features"));
        w.println("wrote      " + out.resolve("model.onnx") + ", model.safetensors, metadata.json");
        w.flush();
        return 0;
    }

    /**
     * model.onnx of {@code model} as the metadata's {@code notes} describe it: for a private task
     * (notes name a projection) the model behind the round's projection, its rows recomputed here
     * from the round key ({@link ProjectionSpec#weights}), so the file reads the requester's raw
     * samples; else the model alone.
     */
    static byte[] onnx(Model model, JsonNode notes) {
        Optional<ProjectionSpec> projection = projection(notes);
        if (projection.isEmpty()) {
            return OnnxExporter.export(model);
        }
        Hash roundKey = Hash.fromHex(notes.path("projection.roundKey").asText());
        try {
            return OnnxExporter.export(model, projection.get().inputProjection(roundKey));
        } catch (IllegalArgumentException e) {
            throw new UserException(
                    "the node's metadata names a projection the model does not read: " + e.getMessage(), e);
        }
    }

    /** The private task's projection the notes record (TaskRoutes.projectionNotes), or empty. */
    static Optional<ProjectionSpec> projection(JsonNode notes) {
        if (!notes.has("projection.k")) {
            return Optional.empty();
        }
        String key = notes.path("projection.roundKey").asText("");
        if (!key.matches("[0-9a-f]{64}")) {
            throw new UserException("the node's metadata names a projection without a round key: is it an older"
                    + " learnchain node? Update it");
        }
        try {
            return Optional.of(new ProjectionSpec(
                    new InputQuantizer(
                            notes.path("projection.height").asInt(),
                            notes.path("projection.width").asInt(),
                            notes.path("projection.pool").asInt(),
                            notes.path("projection.levels").asInt()),
                    notes.path("projection.k").asInt(),
                    notes.path("projection.weightRange").asInt()));
        } catch (IllegalArgumentException e) {
            throw new UserException("the node's metadata names an invalid projection: " + e.getMessage(), e);
        }
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
