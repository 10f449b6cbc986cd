package io.learnchain.node.data;

import io.learnchain.learn.data.Dataset;
import java.util.Objects;

/**
 * A training set and the test set that goes with it, and where they came from (for messages).
 * {@code testIsTrain} is true when no separate test data exists and the test set is the training set.
 */
public record TrainTestData(Dataset train, Dataset test, String origin, boolean testIsTrain) {
    public TrainTestData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(origin, "origin");
        if (train.sampleSize() != test.sampleSize()) {
            throw new IllegalArgumentException(origin + ": training samples have " + train.sampleSize()
                    + " values but test samples " + test.sampleSize() + "; the two files must have the same columns");
        }
    }
}
