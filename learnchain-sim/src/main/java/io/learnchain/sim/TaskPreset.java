package io.learnchain.sim;

import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.model.Shape;
import io.learnchain.node.data.DatasetLoader;
import io.learnchain.node.data.DatasetNotFoundException;
import io.learnchain.node.data.TrainTestData;
import java.util.List;

/**
 * A simulation task: data, model and how miners train for it.
 *
 * @param dataset a data set spec for {@link DatasetLoader} ("fashion-mnist" falls back to the bundled subset)
 * @param minTrainingBp the task's minimum training accuracy, basis points
 * @param stepMillis virtual time one training step takes (when a miner's commitment goes out)
 * @param privateData the training set is encrypted (PROTOCOL.md 3.9): the model reads the k = 16
 *     projections of {@link ProjectionSpec#defaultsFor} 28 x 28, and the data are the first
 *     {@link #PRIVATE_TRAIN_SAMPLES} training samples (encryption costs about 17 ms a sample)
 */
public record TaskPreset(
        String name,
        String dataset,
        ModelSpec spec,
        long steps,
        int batch,
        float learningRate,
        int minTrainingBp,
        long stepMillis,
        boolean privateData) {
    /** Training samples of a private preset: encrypting and decrypting the whole subset would take minutes. */
    public static final int PRIVATE_TRAIN_SAMPLES = 1_500;

    static final List<TaskPreset> ALL = List.of(
            new TaskPreset(
                    "mlp-small", "fashion-mnist-small", PredefinedModels.MLP_SMALL, 150, 32, 0.005f, 5000, 10, false),
            new TaskPreset(
                    "fashion-mnist-mlp", "fashion-mnist", PredefinedModels.MLP, 600, 64, 0.001f, 7000, 20, false),
            new TaskPreset(
                    "fashion-mnist-lenet5", "fashion-mnist", PredefinedModels.LENET5, 300, 32, 0.002f, 6000, 50, false),
            new TaskPreset(
                    "mlp-small-private",
                    "fashion-mnist-small",
                    ModelSpec.of(
                            Shape.of(ProjectionSpec.defaultsFor(28, 28).width()),
                            new LayerSpec.Dense(64),
                            new LayerSpec.Relu(),
                            new LayerSpec.Dense(10)),
                    300,
                    32,
                    0.005f,
                    4000,
                    10,
                    true));

    public static TaskPreset named(String name) {
        return ALL.stream()
                .filter(p -> p.name.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task preset '" + name + "': use one of "
                        + ALL.stream().map(TaskPreset::name).toList()));
    }

    /**
     * This preset with {@code newSteps} training steps per round (a task that asks for more or less
     * training a round; the mining phase's virtual time grows with it).
     */
    public TaskPreset withSteps(long newSteps) {
        if (newSteps < 1 || newSteps > 1_000_000) {
            throw new IllegalArgumentException("--steps must be in [1, 1000000], got " + newSteps);
        }
        return new TaskPreset(
                name, dataset, spec, newSteps, batch, learningRate, minTrainingBp, stepMillis, privateData);
    }

    /** The data: the full Fashion-MNIST when installed, else the bundled subset (the report says which). */
    public TrainTestData load() {
        DatasetLoader loader = DatasetLoader.standard();
        TrainTestData data;
        try {
            data = loader.load(dataset);
        } catch (DatasetNotFoundException e) {
            data = loader.load("fashion-mnist-small");
        }
        if (!privateData) {
            return data;
        }
        Dataset train = DatasetShards.head(
                data.train(),
                Math.min(PRIVATE_TRAIN_SAMPLES, data.train().count()),
                data.train().name());
        return new TrainTestData(
                train,
                data.test(),
                data.origin() + ", the first " + train.count() + " training samples, encrypted",
                false);
    }
}
