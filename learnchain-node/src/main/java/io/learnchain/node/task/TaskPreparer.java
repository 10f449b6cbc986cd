package io.learnchain.node.task;

import io.learnchain.base.Hash;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.OutputPermutation;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.node.data.DatasetLoader;
import io.learnchain.node.data.DatasetNotFoundException;
import io.learnchain.node.data.TrainTestData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@link TaskRequest} into a {@link PreparedTask}: resolves the model (predefined name or
 * spec text), loads the data set through the {@link DatasetLoader} (kept once loaded), checks that
 * the model reads it, and splits the test set into one shard per round with a seeded shuffle.
 *
 * @throws TaskRequestException (from {@link #prepare}) for an unknown model or data set, or a
 *     model that does not fit the data
 */
public final class TaskPreparer {
    /** The data sets a task may use (the node never opens paths a request names). */
    public static final List<String> DATASETS = List.of("fashion-mnist", "fashion-mnist-small");

    private final DatasetLoader loader;
    private final Map<String, TrainTestData> loaded = new ConcurrentHashMap<>();

    public TaskPreparer(DatasetLoader loader) {
        this.loader = loader;
    }

    public PreparedTask prepare(TaskRequest request, long shardSeed) {
        ModelSpec spec = model(request.model());
        TrainTestData data = data(request.dataset());
        Dataset train = data.train();
        if (train.sampleSize() != spec.layout().input().size() || train.classes() != spec.outputSize()) {
            throw new TaskRequestException(
                    "model_mismatch",
                    "model '" + request.model() + "' reads "
                            + spec.layout().input() + " and outputs " + spec.outputSize() + " classes, but "
                            + request.dataset()
                            + " has samples of " + Arrays.toString(train.sampleShape()) + " in "
                            + train.classes()
                            + " classes");
        }
        if (!OutputPermutation.supports(spec)) {
            throw new TaskRequestException(
                    "model_not_unmappable",
                    "model '" + request.model() + "' spreads its "
                            + spec.outputSize()
                            + " outputs over the positions of its last convolution, so the model could not"
                            + " be handed back in your labels (each round trains under a label permutation): end the model"
                            + " with a dense layer, or a convolution with one filter per class");
        }
        if (request.rounds() > PostTask.MAX_SHARDS
                || request.rounds() > data.test().count()) {
            throw new TaskRequestException(
                    "too_many_rounds",
                    "a task has at most " + PostTask.MAX_SHARDS
                            + " rounds (one test shard each, from "
                            + data.test().count() + " test samples), got "
                            + request.rounds());
        }
        byte[] trainingBlob = DatasetCodec.encode(train);
        List<byte[]> shards = DatasetShards.split(data.test(), request.rounds(), shardSeed).stream()
                .map(DatasetCodec::encode)
                .toList();
        PostTask terms;
        try {
            terms = new PostTask(
                    spec.text(),
                    Hash.sha256(trainingBlob),
                    request.minTrainingAccuracyBp(),
                    request.rounds(),
                    request.rewardPerRound(),
                    request.expectedSeconds(),
                    request.minPhaseSeconds(),
                    request.maxPhaseSeconds(),
                    shards.stream().map(Hash::sha256).toList());
        } catch (IllegalArgumentException e) {
            throw new TaskRequestException("invalid_task", e.getMessage());
        }
        return new PreparedTask(
                terms,
                trainingBlob,
                shards,
                request.model(),
                request.dataset(),
                data.origin(),
                data.test().count());
    }

    static ModelSpec model(String model) {
        String text = model.strip();
        if (PredefinedModels.names().contains(text)) {
            return PredefinedModels.byName(text);
        }
        if (!text.contains("|")) {
            throw new TaskRequestException(
                    "unknown_model",
                    "unknown model '" + text + "': use a predefined name ("
                            + String.join(", ", PredefinedModels.names()) + ") or a spec such as "
                            + "'input 784 | dense 64 | relu | dense 10'");
        }
        try {
            return ModelSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TaskRequestException("bad_model", "model spec '" + text + "' is invalid: " + e.getMessage());
        }
    }

    private TrainTestData data(String dataset) {
        if (!DATASETS.contains(dataset)) {
            throw new TaskRequestException(
                    "unknown_dataset", "unknown data set '" + dataset + "': use one of " + DATASETS);
        }
        return loaded.computeIfAbsent(dataset, name -> {
            try {
                return loader.load(name);
            } catch (DatasetNotFoundException e) {
                throw new TaskRequestException(
                        "dataset_not_installed",
                        e.getMessage() + " (or post with dataset fashion-mnist-small, the bundled subset)");
            }
        });
    }
}
