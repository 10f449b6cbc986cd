package io.learnchain.learn.train;

import io.learnchain.base.rng.SplitMix64;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelLayout;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.TensorSpec;

/**
 * Initial weights from the protocol PRNG: tensor number t draws from {@code SplitMix64.derive(seed, t)}.
 * Dense and conv2d weights: uniform in +-sqrt(6 / (fan_in + fan_out)) (Glorot), biases 0. LSTM
 * weights: uniform in +-1/sqrt(hidden); bias 0 except the forget gate, 1.
 */
public final class Initializer {
    private Initializer() {}

    public static Model initialize(ModelSpec spec, long seed) {
        ModelLayout layout = spec.layout();
        float[] p = new float[layout.parameterCount()];
        int[] first = layout.firstTensorOfLayer();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (first[i] < 0) {
                continue;
            }
            int t = first[i];
            switch (spec.layers().get(i)) {
                case LayerSpec.Dense d -> {
                    TensorSpec w = layout.tensors().get(t);
                    uniform(p, w, seed, t, glorot(w.shape().dim(0), w.shape().dim(1)));
                }
                case LayerSpec.Conv2d c -> {
                    TensorSpec w = layout.tensors().get(t);
                    int fanIn = w.shape().dim(1);
                    int fanOut = c.filters() * c.kernel() * c.kernel();
                    uniform(p, w, seed, t, glorot(fanIn, fanOut));
                }
                case LayerSpec.Lstm l -> {
                    double bound = 1.0 / StrictMath.sqrt(l.hidden());
                    uniform(p, layout.tensors().get(t), seed, t, bound);
                    uniform(p, layout.tensors().get(t + 1), seed, t + 1, bound);
                    TensorSpec b = layout.tensors().get(t + 2);
                    for (int j = l.hidden(); j < 2 * l.hidden(); j++) {
                        p[b.offset() + j] = 1f;
                    }
                }
                case LayerSpec.MaxPool2d x -> throw new IllegalStateException("max pooling has no tensors");
                case LayerSpec.Flatten x -> throw new IllegalStateException("flatten has no tensors");
                case LayerSpec.Relu x -> throw new IllegalStateException("relu has no tensors");
                case LayerSpec.Tanh x -> throw new IllegalStateException("tanh has no tensors");
                case LayerSpec.Sigmoid x -> throw new IllegalStateException("sigmoid has no tensors");
            }
        }
        return new Model(spec, p);
    }

    private static double glorot(int fanIn, int fanOut) {
        return StrictMath.sqrt(6.0 / (fanIn + fanOut));
    }

    private static void uniform(float[] p, TensorSpec t, long seed, int index, double bound) {
        SplitMix64 rng = SplitMix64.derive(seed, index);
        for (int i = 0; i < t.size(); i++) {
            p[t.offset() + i] = (float) ((2.0 * rng.nextDouble() - 1.0) * bound);
        }
    }
}
