package io.learnchain.learn.train;

import io.learnchain.base.Hash;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Everything that fixes a training run besides the spec, data and input transform: the start, the
 * optimizer and its hyperparameters, the batch size, the number of optimizer steps and the
 * data-order seed. Replaying a record on the same inputs gives the same model hash, bit for bit.
 *
 * <p>Data order: epoch e visits the samples in the order of a Fisher-Yates shuffle by
 * {@code SplitMix64.derive(dataOrderSeed, e)}; a step takes the next {@code batchSize} of them; the
 * last {@code count mod batchSize} samples of each epoch's order are skipped. The optimizer state
 * starts at zero in every run (also when continuing from a parent).
 */
public record TrainingRecord(TrainingStart start, Optimizer optimizer, int batchSize, long steps, long dataOrderSeed) {

    public static final long MAX_STEPS = 1L << 40;

    public TrainingRecord {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(optimizer, "optimizer");
        if (batchSize < 1 || batchSize > 65536) {
            throw new IllegalArgumentException("batch size must be in [1, 65536], got " + batchSize);
        }
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be in [0, 2^40], got " + steps);
        }
    }

    /** Canonical text: one line per field, in a fixed order. */
    public String text() {
        return "start " + start.text() + "\noptimizer " + optimizer.text() + "\nbatch " + batchSize + "\nsteps " + steps
                + "\ndata-order " + Long.toUnsignedString(dataOrderSeed) + "\n";
    }

    public byte[] canonicalBytes() {
        return ("learnchain-training-record/1\n" + text()).getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of the canonical bytes: the training-record hash a commitment carries. */
    public Hash hash() {
        return Hash.sha256(canonicalBytes());
    }

    /** The same record with another step count (e.g. to train on in chunks with the same data order). */
    public TrainingRecord withSteps(long newSteps) {
        return new TrainingRecord(start, optimizer, batchSize, newSteps, dataOrderSeed);
    }
}
