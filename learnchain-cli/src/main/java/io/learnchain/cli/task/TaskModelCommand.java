package io.learnchain.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.cli.ConfigOption;
import io.learnchain.cli.JsonOption;
import io.learnchain.cli.UserException;
import io.learnchain.cli.api.ApiClient;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.learn.format.ModelSafetensors;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code learnchain task model ID --out DIR}: the task's latest winning model as model.onnx,
 * model.safetensors and metadata.json (task, block, score, data set hashes, training record).
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Save a task's latest winning model: model.onnx, model.safetensors and metadata.json.")
final class TaskModelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The task id.")
    long id;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the files to.")
    Path out;

    @Mixin ApiOption api;
    @Mixin JsonOption json;
    @Mixin ConfigOption config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ApiClient client = api.client();
        byte[] safetensors = client.getBytes("/api/v1/tasks/" + id + "/model?format=safetensors");
        byte[] metadata = client.getBytes("/api/v1/tasks/" + id + "/model?format=metadata");
        Model model;
        try {
            model = ModelSafetensors.read(safetensors, "task " + id + " model from the node");
        } catch (RuntimeException e) {
            throw new UserException("the node sent a model that does not read back: " + e.getMessage(), e);
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
        JsonNode meta = parse(metadata);
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("taskId", id);
            result.put("modelHash", model.hash().toHex());
            result.put("dir", out.toAbsolutePath().toString());
            result.put("files", java.util.List.of("model.onnx", "model.safetensors", "metadata.json"));
            result.put("metadata", meta);
            JsonOption.printJson(w, result);
            return 0;
        }
        w.println("model      " + model.hash().toHex() + " (" + model.parameterCount() + " parameters)");
        if (meta != null) {
            w.println("won        block " + meta.path("notes").path("block").asText() + " at height "
                    + meta.path("notes").path("height").asText() + ", shard accuracy "
                    + meta.path("metrics").path("shardAccuracy").asText("?"));
        }
        w.println("wrote      " + out.resolve("model.onnx") + ", model.safetensors, metadata.json");
        w.flush();
        return 0;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JsonOption.mapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
