package io.learnchain.sim;

import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
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
 */
public record TaskPreset(
        String name,
        String dataset,
        ModelSpec spec,
        long steps,
        int batch,
        float learningRate,
        int minTrainingBp,
        long stepMillis) {

    static final List<TaskPreset> ALL = List.of(
            new TaskPreset("mlp-small", "fashion-mnist-small", PredefinedModels.MLP_SMALL, 150, 32, 0.005f, 5000, 10),
            new TaskPreset("fashion-mnist-mlp", "fashion-mnist", PredefinedModels.MLP, 600, 64, 0.001f, 7000, 20),
            new TaskPreset(
                    "fashion-mnist-lenet5", "fashion-mnist", PredefinedModels.LENET5, 300, 32, 0.002f, 6000, 50));

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
        return new TaskPreset(name, dataset, spec, newSteps, batch, learningRate, minTrainingBp, stepMillis);
    }

    /** The data: the full Fashion-MNIST when installed, else the bundled subset (the report says which). */
    public TrainTestData load() {
        DatasetLoader loader = DatasetLoader.standard();
        try {
            return loader.load(dataset);
        } catch (DatasetNotFoundException e) {
            return loader.load("fashion-mnist-small");
        }
    }
}
