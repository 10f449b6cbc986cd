package io.learnchain.chain.pole;

import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.OutputPermutation;
import java.util.List;

/**
 * Moves a model trained under one round's mapping layer to another's: the final dense layer's
 * output columns (weight [in x C]) and biases are permuted so that output pi_new(y) of the result
 * equals output pi_old(y) of the source, for every class y. Exact (moves values only). This is how
 * training continues from an earlier winning model (the training record names the re-keyed hash).
 */
public final class Rekey {
    private Rekey() {}

    /** True when the spec ends in a dense layer (the only layer kind that can be re-keyed). */
    public static boolean supports(Model model) {
        List<LayerSpec> layers = model.spec().layers();
        return !layers.isEmpty() && layers.getLast() instanceof LayerSpec.Dense;
    }

    public static Model rekey(Model model, SecureMappingLayer from, SecureMappingLayer to) {
        if (!supports(model)) {
            throw new IllegalArgumentException("model " + model.spec() + " does not end in a dense layer: it cannot"
                    + " be re-keyed, start from a seed instead");
        }
        int classes = model.spec().outputSize();
        if (from.classes() != classes || to.classes() != classes) {
            throw new IllegalArgumentException("mapping layers of " + from.classes() + " and " + to.classes()
                    + " classes for a model of " + classes + " outputs");
        }
        int[] order = new int[classes];
        for (int y = 0; y < classes; y++) {
            order[to.map(y)] = from.map(y);
        }
        return OutputPermutation.apply(model, order);
    }
}
