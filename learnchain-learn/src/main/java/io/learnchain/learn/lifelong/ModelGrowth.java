package io.learnchain.learn.lifelong;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelLayout;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.TensorSpec;
import io.learnchain.learn.train.FrozenParameters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Growing a model (paper 001, "neural network expansion"): the final dense layer gets new output
 * classes and, optionally, the dense layer before it gets new hidden neurons. Every old parameter
 * keeps its exact bits at its new position; the weights from new hidden neurons to OLD classes are
 * zero and frozen, so the old classes' logits stay the same function of the input. Everything else
 * that is new trains. Which layers may grow: the last layer must be dense; hidden neurons are added
 * to the previous trainable layer, which must then be dense with only activations in between.
 *
 * <p>Parameter map: tensors before the grown layers keep their offsets; the hidden weight
 * [in x H] becomes [in x H'] with (i, j) kept, its bias [H] the first H of [H']; the output weight
 * [H x C] becomes [H' x C'] with (i, j) kept, its bias [C] the first C of [C'].
 */
public final class ModelGrowth {
    private ModelGrowth() {}

    /** Where the old parameters went and what is frozen in the grown vector. */
    public record Plan(ModelSpec old, ModelSpec grown, int[] oldToNew, BitSet zeroFrozen) {
        public Plan {
            oldToNew = oldToNew.clone();
            zeroFrozen = (BitSet) zeroFrozen.clone();
        }

        @Override
        public int[] oldToNew() {
            return oldToNew.clone();
        }

        @Override
        public BitSet zeroFrozen() {
            return (BitSet) zeroFrozen.clone();
        }

        /** Frozen in the grown model: every old parameter's image and the zero block. */
        public FrozenParameters frozen() {
            BitSet mask = (BitSet) zeroFrozen.clone();
            for (int n : oldToNew) {
                mask.set(n);
            }
            return FrozenParameters.of(mask, grown.layout().parameterCount());
        }
    }

    /** The spec with {@code classes} outputs and {@code extraHidden} more neurons in the last hidden dense layer. */
    public static ModelSpec grownSpec(ModelSpec spec, int classes, int extraHidden) {
        int out = lastLayer(spec);
        int oldClasses = ((LayerSpec.Dense) spec.layers().get(out)).units();
        if (classes < oldClasses || extraHidden < 0 || (classes == oldClasses && extraHidden == 0)) {
            throw new IllegalArgumentException("growth must add classes or neurons: " + oldClasses + " -> " + classes
                    + " classes, " + extraHidden + " new neurons");
        }
        List<LayerSpec> layers = new ArrayList<>(spec.layers());
        layers.set(out, new LayerSpec.Dense(classes));
        if (extraHidden > 0) {
            int hidden = hiddenDense(spec, out);
            layers.set(hidden, new LayerSpec.Dense(((LayerSpec.Dense) layers.get(hidden)).units() + extraHidden));
        }
        return new ModelSpec(spec.input(), layers);
    }

    /** The plan from {@code old} to {@code grown}, or an exception saying why {@code grown} is not a growth of it. */
    public static Plan plan(ModelSpec old, ModelSpec grown) {
        int out = lastLayer(old);
        if (grown.layers().size() != old.layers().size() || !grown.input().equals(old.input())) {
            throw new IllegalArgumentException(
                    "'" + grown + "' is not a growth of '" + old + "': the input and the layer count must stay");
        }
        int hidden = out - 1;
        while (hidden >= 0
                && !(old.layers().get(hidden) instanceof LayerSpec.Dense)
                && isActivation(old.layers().get(hidden))) {
            hidden--;
        }
        for (int i = 0; i < old.layers().size(); i++) {
            boolean mayGrow =
                    i == out || (i == hidden && hidden >= 0 && old.layers().get(i) instanceof LayerSpec.Dense);
            LayerSpec a = old.layers().get(i);
            LayerSpec b = grown.layers().get(i);
            boolean same = a.equals(b);
            boolean widened = mayGrow && b instanceof LayerSpec.Dense db && db.units() >= ((LayerSpec.Dense) a).units();
            if (!same && !widened) {
                throw new IllegalArgumentException("'" + grown + "' is not a growth of '" + old + "': layer " + i
                        + " changes from '" + a.text() + "' to '" + b.text() + "'; only the output dense layer and"
                        + " the dense layer before it may widen");
            }
        }
        return buildPlan(old, grown, out, hidden);
    }

    private static Plan buildPlan(ModelSpec old, ModelSpec grown, int out, int hidden) {
        ModelLayout lo = old.layout();
        ModelLayout ln = grown.layout();
        int[] map = new int[lo.parameterCount()];
        int[] firstOld = lo.firstTensorOfLayer();
        int outW = firstOld[out];
        int hiddenW = hidden >= 0 && old.layers().get(hidden) instanceof LayerSpec.Dense ? firstOld[hidden] : -1;
        for (int t = 0; t < lo.tensors().size(); t++) {
            TensorSpec a = lo.tensors().get(t);
            TensorSpec b = ln.tensors().get(t);
            if (t == outW || t == hiddenW) {
                int rows = a.shape().dim(0);
                int cols = a.shape().dim(1);
                int newCols = b.shape().dim(1);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        map[a.offset() + i * cols + j] = b.offset() + i * newCols + j;
                    }
                }
            } else {
                for (int k = 0; k < a.size(); k++) {
                    map[a.offset() + k] = b.offset() + k;
                }
            }
        }
        BitSet zero = new BitSet(ln.parameterCount());
        TensorSpec oldOut = lo.tensors().get(outW);
        TensorSpec newOut = ln.tensors().get(outW);
        int oldClasses = oldOut.shape().dim(1);
        int newClasses = newOut.shape().dim(1);
        for (int i = oldOut.shape().dim(0); i < newOut.shape().dim(0); i++) {
            zero.set(newOut.offset() + i * newClasses, newOut.offset() + i * newClasses + oldClasses);
        }
        return new Plan(old, grown, map, zero);
    }

    /**
     * Grows {@code model}: old parameters copied to their new places, the zero block zero, every
     * other new parameter drawn Glorot-uniform from {@code SplitMix64.derive(seed, tensor index)}.
     */
    public static Model grow(Model model, int classes, int extraHidden, long seed) {
        ModelSpec grownSpec = grownSpec(model.spec(), classes, extraHidden);
        Plan plan = plan(model.spec(), grownSpec);
        ModelLayout ln = grownSpec.layout();
        float[] p = new float[ln.parameterCount()];
        BitSet old = new BitSet(p.length);
        for (int n : plan.oldToNew) {
            old.set(n);
        }
        for (int t = 0; t < ln.tensors().size(); t++) {
            TensorSpec ts = ln.tensors().get(t);
            double bound = ts.shape().rank() == 2
                    ? StrictMath.sqrt(6.0 / (ts.shape().dim(0) + ts.shape().dim(1)))
                    : 0.0;
            SplitMix64 rng = SplitMix64.derive(seed, t);
            for (int k = 0; k < ts.size(); k++) {
                int at = ts.offset() + k;
                float draw = (float) ((2.0 * rng.nextDouble() - 1.0) * bound);
                if (!old.get(at) && !plan.zeroFrozen.get(at)) {
                    p[at] = draw;
                }
            }
        }
        float[] src = model.parameters();
        for (int k = 0; k < src.length; k++) {
            p[plan.oldToNew[k]] = src[k];
        }
        return new Model(grownSpec, p);
    }

    /**
     * Checks byte for byte that {@code grown} keeps every parameter of {@code old} (float32 bits at
     * the mapped position) and that the zero block is +0.0. Empty when it does; else what differs.
     */
    public static Optional<String> checkFrozen(Model old, Model grown) {
        Plan plan;
        try {
            plan = plan(old.spec(), grown.spec());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return checkFrozen(old, grown, plan);
    }

    /** {@link #checkFrozen(Model, Model)} with a plan already made for these two specs. */
    public static Optional<String> checkFrozen(Model old, Model grown, Plan plan) {
        for (int k = 0; k < plan.oldToNew.length; k++) {
            int n = plan.oldToNew[k];
            if (Float.floatToRawIntBits(old.parameter(k)) != Float.floatToRawIntBits(grown.parameter(n))) {
                return Optional.of("old parameter " + k + " (now " + n + ") changed from " + old.parameter(k) + " to "
                        + grown.parameter(n) + ": old weights must stay bit-identical");
            }
        }
        for (int n = plan.zeroFrozen.nextSetBit(0); n >= 0; n = plan.zeroFrozen.nextSetBit(n + 1)) {
            if (Float.floatToRawIntBits(grown.parameter(n)) != 0) {
                return Optional.of("parameter " + n + " links a new hidden neuron to an old class and must be 0, is "
                        + grown.parameter(n));
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that {@code next} keeps every FROZEN parameter of {@code current} (same spec), for
     * updates of a grown model; the mask comes from {@link Plan#frozen()}.
     */
    public static Optional<String> checkUnchanged(Model current, Model next, FrozenParameters frozen) {
        if (!current.spec().equals(next.spec())) {
            return Optional.of("the update has spec '" + next.spec() + "', the model is '" + current.spec() + "'");
        }
        for (int n : frozen.indices()) {
            if (Float.floatToRawIntBits(current.parameter(n)) != Float.floatToRawIntBits(next.parameter(n))) {
                return Optional.of("frozen parameter " + n + " changed from " + current.parameter(n) + " to "
                        + next.parameter(n) + ": the old weights of a grown model must stay bit-identical");
            }
        }
        return Optional.empty();
    }

    private static int lastLayer(ModelSpec spec) {
        int out = spec.layers().size() - 1;
        if (!(spec.layers().get(out) instanceof LayerSpec.Dense)) {
            throw new IllegalArgumentException("only a model whose last layer is dense can grow, not '" + spec + "'");
        }
        return out;
    }

    private static int hiddenDense(ModelSpec spec, int out) {
        int i = out - 1;
        while (i >= 0 && isActivation(spec.layers().get(i))) {
            i--;
        }
        if (i < 0 || !(spec.layers().get(i) instanceof LayerSpec.Dense)) {
            throw new IllegalArgumentException("new neurons need a dense layer before the output (only activations"
                    + " between), '" + spec + "' has none");
        }
        return i;
    }

    private static boolean isActivation(LayerSpec l) {
        return l instanceof LayerSpec.Relu || l instanceof LayerSpec.Tanh || l instanceof LayerSpec.Sigmoid;
    }
}
