package io.learnchain.learn.model;

import java.util.ArrayList;
import java.util.List;

/** Parser of the canonical spec text: "input 1x28x28 | conv2d 6 k5 s1 p2 | relu | maxpool 2 s2 | flatten | dense 10". */
final class ModelSpecText {
    private static final int MAX_TEXT = 1 << 16;

    private ModelSpecText() {}

    static ModelSpec parse(String text) {
        if (text == null || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(
                    "model spec text must be non-null and at most " + MAX_TEXT + " characters");
        }
        String[] parts = text.split("\\|", -1);
        Shape input = parseInput(parts[0].trim());
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            layers.add(parseLayer(i - 1, parts[i].trim()));
        }
        return new ModelSpec(input, layers);
    }

    private static Shape parseInput(String part) {
        String[] t = part.split("\\s+");
        if (t.length != 2 || !t[0].equals("input")) {
            throw new IllegalArgumentException(
                    "model spec must start with 'input <dims>' such as 'input 1x28x28', got '" + part + "'");
        }
        String[] d = t[1].split("x", -1);
        int[] dims = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            dims[i] = number("input dimension", d[i]);
        }
        return new Shape(dims);
    }

    private static LayerSpec parseLayer(int index, String part) {
        String[] t = part.split("\\s+");
        String where = "layer " + index + " ('" + part + "')";
        return switch (t[0]) {
            case "dense" -> {
                arity(where, t, 2, "dense <units>");
                yield new LayerSpec.Dense(number(where, t[1]));
            }
            case "conv2d" -> {
                arity(where, t, 5, "conv2d <filters> k<kernel> s<stride> p<padding>");
                yield new LayerSpec.Conv2d(
                        number(where, t[1]),
                        prefixed(where, t[2], 'k'),
                        prefixed(where, t[3], 's'),
                        prefixed(where, t[4], 'p'));
            }
            case "maxpool" -> {
                arity(where, t, 3, "maxpool <size> s<stride>");
                yield new LayerSpec.MaxPool2d(number(where, t[1]), prefixed(where, t[2], 's'));
            }
            case "lstm" -> {
                arity(where, t, 2, "lstm <hidden>");
                yield new LayerSpec.Lstm(number(where, t[1]));
            }
            case "flatten" -> noArgs(where, t, new LayerSpec.Flatten());
            case "relu" -> noArgs(where, t, new LayerSpec.Relu());
            case "tanh" -> noArgs(where, t, new LayerSpec.Tanh());
            case "sigmoid" -> noArgs(where, t, new LayerSpec.Sigmoid());
            default ->
                throw new IllegalArgumentException(where + ": unknown layer '" + t[0]
                        + "'; known: dense, conv2d, maxpool, flatten, relu, tanh, sigmoid, lstm");
        };
    }

    private static LayerSpec noArgs(String where, String[] t, LayerSpec l) {
        arity(where, t, 1, t[0]);
        return l;
    }

    private static void arity(String where, String[] t, int n, String form) {
        if (t.length != n) {
            throw new IllegalArgumentException(where + ": expected '" + form + "'");
        }
    }

    private static int prefixed(String where, String token, char prefix) {
        if (token.length() < 2 || token.charAt(0) != prefix) {
            throw new IllegalArgumentException(where + ": expected '" + prefix + "<number>', got '" + token + "'");
        }
        return number(where, token.substring(1));
    }

    private static int number(String where, String token) {
        if (token.isEmpty()
                || token.length() > 9
                || !token.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                || (token.length() > 1 && token.charAt(0) == '0')) {
            throw new IllegalArgumentException(where + ": '" + token + "' is not a canonical non-negative integer");
        }
        return Integer.parseInt(token);
    }
}
