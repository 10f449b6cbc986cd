package io.learnchain.sim.lifelong;

import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A class-incremental lifelong run: {@code participants} train for {@code epochs} epochs on classes
 * [0, oldClasses), the initiator grows the model to {@code classes} outputs and {@code extraHidden}
 * more neurons, then they train {@code epochs} more epochs on the new classes only. Each participant
 * trains {@code steps} Adam steps of {@code batch} per epoch on its own shard of the training data
 * before the growth, and after it a fifteenth of them at a fifth of the learning rate: on new-class
 * data alone a few steps already cost the old classes more loss on the picked parts than they gain
 * on the new ones (measured: with the full schedule no proposal is lower and the chain accepts none).
 */
record LifelongConfig(
        ModelSpec base,
        int participants,
        int epochs,
        long seed,
        long steps,
        int batch,
        float learningRate,
        int oldClasses,
        int classes,
        int extraHidden,
        int parts,
        int picked,
        int epochBlocks,
        long threshold) {
    LifelongConfig {
        if (participants < 1 || participants > 64) {
            throw new IllegalArgumentException("--nodes (participants) must be 1..64, got " + participants);
        }
        if (epochs < 1 || epochs > 1000) {
            throw new IllegalArgumentException("--rounds (epochs per phase) must be 1..1000, got " + epochs);
        }
    }

    /** The bias the initiator gives the new classes at growth, so they start "off". */
    static final float NEW_CLASS_BIAS = -4f;

    long growthSteps() {
        return Math.max(1, steps / 15);
    }

    float growthLearningRate() {
        return learningRate / 5;
    }

    /** {@code base} with {@code oldClasses} outputs (its last dense layer replaced). */
    ModelSpec oldSpec() {
        List<LayerSpec> layers = new ArrayList<>(base.layers());
        layers.set(layers.size() - 1, new LayerSpec.Dense(oldClasses));
        return new ModelSpec(base.input(), layers);
    }
}
