package io.learnchain.learn.model;

import io.learnchain.learn.model.LayerSpec.Conv2d;
import io.learnchain.learn.model.LayerSpec.Dense;
import io.learnchain.learn.model.LayerSpec.Flatten;
import io.learnchain.learn.model.LayerSpec.Lstm;
import io.learnchain.learn.model.LayerSpec.MaxPool2d;
import io.learnchain.learn.model.LayerSpec.Relu;
import java.util.List;

/** The predefined architectures a task may name instead of a layer list. */
public final class PredefinedModels {
    /** 784-64-10 with ReLU: a quick model for tests and small tasks. */
    public static final ModelSpec MLP_SMALL = ModelSpec.of(Shape.of(784), new Dense(64), new Relu(), new Dense(10));
    /** 784-256-128-10 with ReLU. */
    public static final ModelSpec MLP =
            ModelSpec.of(Shape.of(784), new Dense(256), new Relu(), new Dense(128), new Relu(), new Dense(10));
    /** LeNet-5 with ReLU and max pooling on 1x28x28 (first convolution padded to keep 28x28). */
    public static final ModelSpec LENET5 = ModelSpec.of(
            Shape.of(1, 28, 28),
            new Conv2d(6, 5, 1, 2),
            new Relu(),
            new MaxPool2d(2, 2),
            new Conv2d(16, 5, 1, 0),
            new Relu(),
            new MaxPool2d(2, 2),
            new Flatten(),
            new Dense(120),
            new Relu(),
            new Dense(84),
            new Relu(),
            new Dense(10));
    /** An LSTM of 128 units reading a 28x28 image row by row, then a dense layer to 10 classes. */
    public static final ModelSpec LSTM_ROWS = ModelSpec.of(Shape.of(28, 28), new Lstm(128), new Dense(10));
    /** The DQN Q-network for CartPole-like tasks: 4 observations to 2 action values through 64-64 ReLU. */
    public static final ModelSpec DQN_MLP =
            ModelSpec.of(Shape.of(4), new Dense(64), new Relu(), new Dense(64), new Relu(), new Dense(2));

    private static final List<String> NAMES = List.of("mlp-small", "mlp", "lenet5", "lstm-rows", "dqn-mlp");

    private PredefinedModels() {}

    public static List<String> names() {
        return NAMES;
    }

    /** The spec of a predefined name; the error lists the known names. */
    public static ModelSpec byName(String name) {
        return switch (name) {
            case "mlp-small" -> MLP_SMALL;
            case "mlp" -> MLP;
            case "lenet5" -> LENET5;
            case "lstm-rows" -> LSTM_ROWS;
            case "dqn-mlp" -> DQN_MLP;
            case null, default ->
                throw new IllegalArgumentException(
                        "unknown predefined model '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
