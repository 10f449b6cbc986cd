package io.learnchain.learn.nn;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelLayout;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.Shape;
import java.util.List;

/**
 * The mutable runtime of a model: live parameter and gradient vectors, and the activations of the last
 * forward pass for up to {@code maxBatch} samples. Not thread-safe (the kernels use the pool inside).
 *
 * <p>Use: {@link #forward} a batch, write dLoss/dOutput into {@link #outputGradient()} (or use
 * {@link SoftmaxCrossEntropy}), {@link #backward}, then read {@link #gradients()} and step an
 * optimizer on {@link #parameters()}. Arrays returned here are live views owned by the network.
 */
public final class Network {
    private final ModelSpec spec;
    private final ModelLayout layout;
    private final int maxBatch;
    private final Layer[] layers;
    private final float[][] acts;
    private final float[][] grads;
    private final float[] params;
    private final float[] paramGrads;
    /** Every layer runs sample ranges: the forward pass runs whole sample chunks through all layers. */
    private final boolean sampleRanges;
    /**
     * reluFused[i]: layer i is a convolution that writes the output of the ReLU at i + 1 itself
     * ({@link Conv2dLayer#fuseRelu}); the forward pass skips the ReLU, whose output (acts[i + 2]) its
     * backward pass reads as before. Nothing reads the convolution's own output buffer (acts[i + 1]).
     */
    private final boolean[] reluFused;
    /** Samples per chunk of the forward pass: its activations stay in cache from layer to layer. */
    private static final int CHUNK = 64;

    private static final int MIN_CHUNK = 8;

    public Network(ModelSpec spec, int maxBatch) {
        if (maxBatch < 1 || maxBatch > 1 << 16) {
            throw new IllegalArgumentException("batch size must be in [1, 65536], got " + maxBatch);
        }
        this.spec = spec;
        this.layout = spec.layout();
        this.maxBatch = maxBatch;
        List<LayerSpec> specs = spec.layers();
        this.layers = new Layer[specs.size()];
        this.acts = new float[specs.size() + 1][];
        this.grads = new float[specs.size() + 1][];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = build(i, specs.get(i), layout.shapes().get(i));
            acts[i + 1] = new float[maxBatch * layers[i].outSize];
            grads[i + 1] = new float[maxBatch * layers[i].outSize];
        }
        this.params = new float[layout.parameterCount()];
        this.paramGrads = new float[layout.parameterCount()];
        boolean ranges = true;
        for (Layer layer : layers) {
            ranges &= layer.runsSampleRanges();
        }
        this.sampleRanges = ranges;
        this.reluFused = new boolean[layers.length];
        for (int i = 0; i + 1 < layers.length; i++) {
            if (layers[i] instanceof Conv2dLayer conv && layers[i + 1] instanceof ActivationLayer act && act.isRelu()) {
                conv.fuseRelu();
                reluFused[i] = true;
            }
        }
    }

    private Layer build(int i, LayerSpec l, Shape in) {
        return switch (l) {
            case LayerSpec.Dense d -> new DenseLayer(in.dim(0), d.units(), layout.parameterOffset(i), maxBatch);
            case LayerSpec.Conv2d c ->
                new Conv2dLayer(
                        in.dim(0),
                        in.dim(1),
                        in.dim(2),
                        c.filters(),
                        c.kernel(),
                        c.stride(),
                        c.padding(),
                        layout.parameterOffset(i),
                        maxBatch);
            case LayerSpec.MaxPool2d p ->
                new MaxPoolLayer(in.dim(0), in.dim(1), in.dim(2), p.size(), p.stride(), maxBatch);
            case LayerSpec.Flatten f -> new FlattenLayer(in.size());
            case LayerSpec.Relu r -> new ActivationLayer(ActivationLayer.Kind.RELU, in.size());
            case LayerSpec.Tanh t -> new ActivationLayer(ActivationLayer.Kind.TANH, in.size());
            case LayerSpec.Sigmoid s -> new ActivationLayer(ActivationLayer.Kind.SIGMOID, in.size());
            case LayerSpec.Lstm lstm ->
                new LstmLayer(in.dim(0), in.dim(1), lstm.hidden(), layout.parameterOffset(i), maxBatch);
        };
    }

    public ModelSpec spec() {
        return spec;
    }

    public ModelLayout layout() {
        return layout;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public int inputSize() {
        return layout.input().size();
    }

    public int outputSize() {
        return layout.output().size();
    }

    /** The live parameter vector (tensors in declared order). */
    public float[] parameters() {
        return params;
    }

    /** The live gradient vector written by {@link #backward}. */
    public float[] gradients() {
        return paramGrads;
    }

    /** Loads a model's parameters (its spec must equal this network's). */
    public void load(Model model) {
        if (!model.spec().equals(spec)) {
            throw new IllegalArgumentException("model spec " + model.spec() + " does not match network spec " + spec);
        }
        model.copyParameters(params);
    }

    /** An immutable snapshot of the current parameters. */
    public Model toModel() {
        return new Model(spec, params);
    }

    /**
     * Runs the batch {@code input[batch x inputSize]} (not copied: keep it unchanged until
     * {@link #backward}) and returns the live output buffer; its first {@code batch x outputSize} values
     * are the result.
     */
    public float[] forward(ComputePool pool, float[] input, int batch) {
        checkBatch(batch);
        if (input.length < batch * inputSize()) {
            throw new IllegalArgumentException(
                    "input holds " + input.length + " values, a batch of " + batch + " needs " + batch * inputSize());
        }
        acts[0] = input;
        if (!sampleRanges) {
            for (int i = 0; i < layers.length; i++) {
                int to = reluFused[i] ? i + 2 : i + 1;
                layers[i].forward(pool, params, acts[i], acts[to], batch);
                i = to - 1;
            }
            return acts[layers.length];
        }
        // One parallel section per pass: each task runs a chunk of samples through every layer (the outputs
        // of a sample never depend on the chunking, so neither do the bits).
        int chunk = chunkSamples(batch, pool.threads());
        int tasks = (batch + chunk - 1) / chunk;
        pool.forEach(tasks, t -> {
            int from = t * chunk;
            int to = Math.min(batch, from + chunk);
            for (int i = 0; i < layers.length; i++) {
                int next = reluFused[i] ? i + 2 : i + 1;
                layers[i].forwardSamples(params, acts[i], acts[next], from, to);
                i = next - 1;
            }
        });
        return acts[layers.length];
    }

    /** Up to CHUNK samples; with several threads at least two chunks per thread (when each keeps MIN_CHUNK). */
    static int chunkSamples(int batch, int threads) {
        if (threads == 1) {
            return CHUNK;
        }
        int perTask = (batch + 2 * threads - 1) / (2 * threads);
        return Math.max(MIN_CHUNK, Math.min(CHUNK, perTask));
    }

    /** The live buffer for dLoss/dOutput of the last forward batch, read by {@link #backward}. */
    public float[] outputGradient() {
        return grads[layers.length];
    }

    /** Backpropagates {@link #outputGradient()} through the last forward batch into {@link #gradients()}. */
    public void backward(ComputePool pool, int batch) {
        checkBatch(batch);
        if (acts[0] == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        for (int i = layers.length - 1; i >= 0; i--) {
            float[] dIn = i == 0 ? null : grads[i];
            layers[i].backward(pool, params, paramGrads, acts[i], acts[i + 1], grads[i + 1], dIn, batch);
        }
    }

    private void checkBatch(int batch) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch " + batch + " is outside [1, " + maxBatch + "] of this network");
        }
    }
}
