package io.learnchain.learn.format;

import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.TensorSpec;
import io.learnchain.learn.train.TrainingRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code metadata.json} written beside an exported model: what it is (spec text, input and
 * output shapes, tensors), which model it is (hash, parameter count), how it was trained (the
 * training record's text and hash, when known) and how well it does (metrics such as accuracies).
 * Written without a JSON library; keys in a fixed order so the file is stable.
 */
public record ModelMetadata(
        Model model, Optional<TrainingRecord> record, Map<String, Double> metrics, Map<String, String> notes) {

    public static final String FILE_NAME = "metadata.json";

    public ModelMetadata {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(record, "record");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    public String toJson() {
        var layout = model.spec().layout();
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"format\": \"learnchain-model-metadata/1\",\n");
        b.append("  \"modelHash\": ").append(Json.quote(model.hash().toHex())).append(",\n");
        b.append("  \"spec\": ").append(Json.quote(model.spec().text())).append(",\n");
        b.append("  \"inputShape\": ").append(ints(layout.input().dims())).append(",\n");
        b.append("  \"outputShape\": ").append(ints(layout.output().dims())).append(",\n");
        b.append("  \"parameterCount\": ").append(model.parameterCount()).append(",\n");
        b.append("  \"tensors\": [");
        String sep = "";
        for (TensorSpec t : layout.tensors()) {
            b.append(sep)
                    .append("\n    {\"name\": ")
                    .append(Json.quote(t.name()))
                    .append(", \"shape\": ")
                    .append(ints(t.shape().dims()))
                    .append(", \"offset\": ")
                    .append(t.offset())
                    .append('}');
            sep = ",";
        }
        b.append("\n  ],\n");
        b.append(
                "  \"files\": {\"canonical\": \"model.lcm\", \"safetensors\": \"model.safetensors\", \"onnx\": \"model.onnx\"},\n");
        b.append("  \"onnx\": {\"input\": \"")
                .append(OnnxExporter.INPUT)
                .append("\", \"output\": \"")
                .append(OnnxExporter.OUTPUT)
                .append("\", \"opset\": ")
                .append(OnnxExporter.OPSET)
                .append("},\n");
        if (record.isPresent()) {
            b.append("  \"trainingRecord\": {\"hash\": ")
                    .append(Json.quote(record.get().hash().toHex()))
                    .append(", \"text\": ")
                    .append(Json.quote(record.get().text()))
                    .append("},\n");
        } else {
            b.append("  \"trainingRecord\": null,\n");
        }
        b.append("  \"metrics\": {");
        sep = "";
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            b.append(sep).append(Json.quote(m.getKey())).append(": ").append(Json.number(m.getValue()));
            sep = ", ";
        }
        b.append("},\n  \"notes\": {");
        sep = "";
        for (Map.Entry<String, String> n : notes.entrySet()) {
            b.append(sep).append(Json.quote(n.getKey())).append(": ").append(Json.quote(n.getValue()));
            sep = ", ";
        }
        return b.append("}\n}\n").toString();
    }

    private static String ints(int[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i > 0 ? ", " : "").append(values[i]);
        }
        return b.append(']').toString();
    }
}
