package io.learnchain.node.task;

import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.chain.privacy.InnerProductEncryption;
import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * What a private task (PROTOCOL.md 3.9) adds to a task's preparation ({@link TaskPreparer}): the
 * projection the task names ({@link ProjectionSpec#defaultsFor} of the samples' image shape), the
 * model made to read the k projections, a fresh master key and the training set quantized and
 * encrypted under it. The test shards stay in the clear (each is revealed after the round's
 * commitments, as for any task).
 */
final class PrivateTasks {
    private PrivateTasks() {}

    /**
     * A private task's training set: the model made to read its k projections, the projection, a
     * fresh master key and the training set quantized and encrypted under it.
     */
    record Encrypted(ModelSpec model, ProjectionSpec projection, MasterSecretKey key, byte[] blob) {
        /** What the data origin adds for a private task. */
        String describe() {
            return ", encrypted (" + projection.dimension() + " values a sample, k = " + projection.width() + ")";
        }
    }

    /** Refuses a model or round count a private task cannot take; else encrypts {@code train}. */
    static Encrypted encrypt(
            TaskRequest request, ModelSpec spec, Dataset train, EntropySource entropy, ComputePool pool) {
        ProjectionSpec projection = projection(train);
        ModelSpec model = readsProjections(request.model(), spec, projection.width());
        if (request.rounds() > projection.maxRounds()) {
            throw new TaskRequestException(
                    "too_many_rounds",
                    "a private task of " + projection.dimension() + " encrypted values a sample and k = "
                            + projection.width() + " projections runs at most " + projection.maxRounds()
                            + " rounds (the keys of more rounds together would reveal the samples), got "
                            + request.rounds());
        }
        MasterSecretKey key = InnerProductEncryption.setup(projection.dimension(), entropy);
        byte[] blob = EncryptedDataset.encrypt(train, projection.input(), key, entropy, pool)
                .encode();
        return new Encrypted(model, projection, key, blob);
    }

    /** The samples' image: [c, h, w] or [h, w] as given; a flat sample of a square size as a square. */
    static ProjectionSpec projection(Dataset train) {
        int[] shape = train.sampleShape();
        int height;
        int width;
        if (shape.length == 3 && shape[0] == 1) {
            height = shape[1];
            width = shape[2];
        } else if (shape.length == 2) {
            height = shape[0];
            width = shape[1];
        } else if (shape.length == 1) {
            int side = (int) Math.round(Math.sqrt(shape[0]));
            height = side * side == shape[0] ? side : 1;
            width = shape[0] / height;
        } else {
            throw new TaskRequestException(
                    "private_not_supported",
                    "a private task encrypts one-channel images or flat samples; " + train.name() + " has samples of "
                            + Arrays.toString(shape));
        }
        try {
            return ProjectionSpec.defaultsFor(height, width);
        } catch (IllegalArgumentException e) {
            throw new TaskRequestException(
                    "private_not_supported", "cannot encrypt " + train.name() + ": " + e.getMessage());
        }
    }

    /**
     * The model a private task trains: its layers after the input read the k projections, so it must
     * begin with a dense layer (a convolution needs the image, which no miner sees).
     */
    static ModelSpec readsProjections(String name, ModelSpec spec, int k) {
        List<LayerSpec> layers = spec.layers();
        if (layers.isEmpty() || !(layers.getFirst() instanceof LayerSpec.Dense)) {
            throw new TaskRequestException(
                    "model_not_private",
                    "model '" + name + "' does not begin with a dense layer: a private task's miners see k = " + k
                            + " projections of each sample, not the image; use a dense model such as mlp-small");
        }
        return ModelSpec.of(Shape.of(k), layers.toArray(LayerSpec[]::new));
    }
}
