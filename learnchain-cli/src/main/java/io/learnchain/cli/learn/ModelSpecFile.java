package io.learnchain.cli.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a custom model spec ({@code --model-spec FILE}) in JSON or TOML (by file extension; .toml
 * is TOML, anything else JSON):
 * <pre>
 * {"input": [1, 28, 28], "layers": [
 *   {"type": "conv2d", "filters": 6, "kernel": 5, "stride": 1, "padding": 2}, {"type": "relu"},
 *   {"type": "maxpool", "size": 2, "stride": 2}, {"type": "flatten"}, {"type": "dense", "units": 10}]}
 * </pre>
 * Types: dense (units), conv2d (filters, kernel, stride = 1, padding = 0), maxpool (size, stride =
 * size), flatten, relu, tanh, sigmoid, lstm (hidden). The engine's validation checks the shapes;
 * its message is shown as is.
 */
public final class ModelSpecFile {
    private ModelSpecFile() {}

    public static ModelSpec read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".toml") ? new TomlMapper() : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UserException("model spec file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserException("cannot read model spec " + file + ": " + firstLine(e.getMessage()));
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new UserException("model spec " + file + ": " + e.getMessage());
        }
    }

    static ModelSpec parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected an object with \"input\" and \"layers\"");
        }
        JsonNode input = root.get("input");
        if (input == null || !input.isArray() || input.isEmpty()) {
            throw new IllegalArgumentException("\"input\" must be a list of dimensions, e.g. [784] or [1, 28, 28]");
        }
        int[] dims = new int[input.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = integer(input.get(i), "input[" + i + "]");
        }
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray()) {
            throw new IllegalArgumentException("\"layers\" must be a list of {\"type\": ...} objects");
        }
        List<LayerSpec> list = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            list.add(layer(layers.get(i), i));
        }
        return new ModelSpec(Shape.of(dims), list);
    }

    private static LayerSpec layer(JsonNode l, int i) {
        String where = "layers[" + i + "]";
        if (!l.isObject() || !l.hasNonNull("type")) {
            throw new IllegalArgumentException(where + " needs a \"type\"");
        }
        String type = l.get("type").asText().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "dense" -> new LayerSpec.Dense(field(l, "units", where));
            case "conv2d" ->
                new LayerSpec.Conv2d(
                        field(l, "filters", where),
                        field(l, "kernel", where),
                        optional(l, "stride", 1, where),
                        optional(l, "padding", 0, where));
            case "maxpool", "maxpool2d" -> {
                int size = field(l, "size", where);
                yield new LayerSpec.MaxPool2d(size, optional(l, "stride", size, where));
            }
            case "flatten" -> new LayerSpec.Flatten();
            case "relu" -> new LayerSpec.Relu();
            case "tanh" -> new LayerSpec.Tanh();
            case "sigmoid" -> new LayerSpec.Sigmoid();
            case "lstm" -> new LayerSpec.Lstm(field(l, "hidden", where));
            default ->
                throw new IllegalArgumentException(where + ": unknown type '" + type
                        + "'; known: dense, conv2d, maxpool, flatten, relu, tanh, sigmoid, lstm");
        };
    }

    private static int field(JsonNode l, String name, String where) {
        if (!l.has(name)) {
            throw new IllegalArgumentException(where + " (" + l.get("type").asText() + ") needs \"" + name + "\"");
        }
        return integer(l.get(name), where + "." + name);
    }

    private static int optional(JsonNode l, String name, int dflt, String where) {
        return l.has(name) ? integer(l.get(name), where + "." + name) : dflt;
    }

    private static int integer(JsonNode n, String where) {
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException(where + " must be an integer, got " + n);
        }
        return n.intValue();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
