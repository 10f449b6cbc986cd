package io.learnchain.learn.train;

import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * The inputs of one training run: spec, record, training data, the round's input transform, the
 * parent model (only when the record starts from one) and a progress listener.
 */
public record TrainingJob(
        ModelSpec spec,
        TrainingRecord record,
        Dataset data,
        InputTransform transform,
        Model parent,
        TrainingListener listener) {

    public TrainingJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(listener, "listener");
        if (data.sampleSize() != spec.layout().input().size()) {
            throw new IllegalArgumentException(
                    "data set " + data.name() + " has samples of " + Arrays.toString(data.sampleShape())
                            + " but the model input is " + spec.layout().input());
        }
        if (data.classes() != spec.outputSize()) {
            throw new IllegalArgumentException("data set " + data.name() + " has " + data.classes()
                    + " classes but the model outputs " + spec.outputSize() + " values");
        }
        if (data.count() < record.batchSize()) {
            throw new IllegalArgumentException("data set " + data.name() + " has " + data.count()
                    + " samples, fewer than one batch of " + record.batchSize());
        }
        switch (record.start()) {
            case TrainingStart.FromSeed s -> {
                if (parent != null) {
                    throw new IllegalArgumentException("the record starts from a seed but a parent model was given");
                }
            }
            case TrainingStart.FromParent p -> {
                if (parent == null || !parent.hash().equals(p.modelHash())) {
                    throw new IllegalArgumentException(
                            "the record continues model " + p.modelHash().shortHex()
                                    + " but "
                                    + (parent == null
                                            ? "no parent"
                                            : "parent " + parent.hash().shortHex())
                                    + " was given");
                }
                if (!parent.spec().equals(spec)) {
                    throw new IllegalArgumentException("parent model spec " + parent.spec() + " differs from " + spec);
                }
            }
        }
    }

    /** A job with the identity transform, no parent and no listener. */
    public static TrainingJob of(ModelSpec spec, TrainingRecord record, Dataset data) {
        return new TrainingJob(spec, record, data, InputTransform.IDENTITY, null, TrainingListener.NONE);
    }

    /** A job that continues {@code parent} (the record must start from its hash). */
    public static TrainingJob continuing(ModelSpec spec, TrainingRecord record, Dataset data, Model parent) {
        return new TrainingJob(spec, record, data, InputTransform.IDENTITY, parent, TrainingListener.NONE);
    }

    public TrainingJob withTransform(InputTransform t) {
        return new TrainingJob(spec, record, data, t, parent, listener);
    }

    public TrainingJob withListener(TrainingListener l) {
        return new TrainingJob(spec, record, data, transform, parent, l);
    }
}
