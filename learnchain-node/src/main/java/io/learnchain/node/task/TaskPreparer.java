package io.learnchain.node.task;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.learn.compute.ComputePool;
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
import java.util.Optional;
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
    /** The data sets known by name (loaded once and kept); any other --dataset form names the operator's files. */
    public static final List<String> DATASETS = List.of("fashion-mnist", "fashion-mnist-small");

    private final DatasetLoader loader;
    private final Map<String, TrainTestData> loaded = new ConcurrentHashMap<>();

    public TaskPreparer(DatasetLoader loader) {
        this.loader = loader;
    }

    /**
     * The task of {@code request}; a private one's ({@link TaskRequest#privateData}) model is made to
     * read the projections and its training set is quantized and encrypted under a fresh master key
     * drawn from {@code entropy} (SecureRandom at a node), on {@code pool}'s threads ({@link PrivateTasks}).
     */
    public PreparedTask prepare(TaskRequest request, long shardSeed, EntropySource entropy, ComputePool pool) {
        ModelSpec spec = model(request.model());
        TrainTestData data = holdOutTestSet(data(request.dataset()), request.rounds(), shardSeed);
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
        Optional<PrivateTasks.Encrypted> encrypted = request.privateData()
                ? Optional.of(PrivateTasks.encrypt(request, spec, train, entropy, pool))
                : Optional.empty();
        byte[] trainingBlob = encrypted.map(PrivateTasks.Encrypted::blob).orElseGet(() -> DatasetCodec.encode(train));
        List<byte[]> shards = DatasetShards.split(data.test(), request.rounds(), shardSeed).stream()
                .map(DatasetCodec::encode)
                .toList();
        PostTask terms;
        try {
            terms = new PostTask(
                    encrypted.map(PrivateTasks.Encrypted::model).orElse(spec).text(),
                    Hash.sha256(trainingBlob),
                    request.minTrainingAccuracyBp(),
                    request.rounds(),
                    request.rewardPerRound(),
                    request.expectedSeconds(),
                    request.minPhaseSeconds(),
                    request.maxPhaseSeconds(),
                    shards.stream().map(Hash::sha256).toList(),
                    encrypted.map(PrivateTasks.Encrypted::projection));
        } catch (IllegalArgumentException e) {
            throw new TaskRequestException("invalid_task", e.getMessage());
        }
        return new PreparedTask(
                terms,
                trainingBlob,
                shards,
                request.model(),
                request.dataset(),
                data.origin() + encrypted.map(PrivateTasks.Encrypted::describe).orElse(""),
                data.test().count(),
                encrypted.map(PrivateTasks.Encrypted::key));
    }

    /**
     * A task's test shards must be data the miners never train on. When the operator's data has no
     * separate test set (a single CSV file, image folder or pair of arrays), a sixth of the samples
     * (at least one per round), drawn by a shuffle of the task's secret seed, becomes the test set and
     * the rest the training set.
     */
    static TrainTestData holdOutTestSet(TrainTestData data, int rounds, long seed) {
        if (!data.testIsTrain()) {
            return data;
        }
        Dataset all = data.train();
        int testCount = Math.max(rounds, all.count() / 6);
        if (testCount >= all.count()) {
            throw new TaskRequestException(
                    "too_many_rounds",
                    all.count() + " samples cannot give " + rounds
                            + " test shards and a training set: give more data, fewer rounds, or a separate test set");
        }
        int[] order = DatasetShards.identity(all.count());
        new SplitMix64(seed ^ HOLD_OUT_SALT).shuffle(order);
        Dataset test =
                DatasetShards.select(all, Arrays.copyOfRange(order, 0, testCount), all.name() + "/held-out-test");
        Dataset train =
                DatasetShards.select(all, Arrays.copyOfRange(order, testCount, order.length), all.name() + "/train");
        return new TrainTestData(
                train, test, data.origin() + ", " + testCount + " samples held out as the test set", false);
    }

    private static final long HOLD_OUT_SALT = 0x686f6c646f7574L; // "holdout"

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

    /**
     * The named data sets are loaded once; a data set of the operator's own files (csv:, imagefolder:,
     * npy:, npz:, fashion-mnist:DIR) is read afresh for each post, since the files may change.
     */
    private TrainTestData data(String dataset) {
        if (DATASETS.contains(dataset)) {
            return loaded.computeIfAbsent(dataset, this::load);
        }
        return load(dataset);
    }

    private TrainTestData load(String dataset) {
        try {
            return loader.load(dataset);
        } catch (DatasetNotFoundException e) {
            throw new TaskRequestException(
                    "dataset_not_installed",
                    e.getMessage() + " (or post with dataset fashion-mnist-small, the bundled subset)");
        } catch (IllegalArgumentException e) { // an unknown form, or a malformed file of the operator's
            throw new TaskRequestException("unknown_dataset", e.getMessage());
        }
    }
}
