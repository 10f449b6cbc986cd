package io.learnchain.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.learnchain.learn.data.Dataset;
import java.nio.FloatBuffer;

/**
 * PyTorch CPU through DJL as a benchmark peer: the same architectures as the engine's mlp and
 * lenet5, Adam (lr 1e-3), softmax cross-entropy, PyTorch's intra-op thread count set to the
 * engine's. Each training step copies its batch into native memory, as a Java user would.
 */
final class TorchPeer implements AutoCloseable {
    private final Model model;
    private final Trainer trainer;
    private final int[] inputShape;

    TorchPeer(String name, int batch, int threads) {
        JniUtils.setNumThreads(threads);
        model = Model.newInstance(name, "PyTorch");
        model.setBlock(block(name));
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(1e-3f))
                        .build());
        trainer = model.newTrainer(config);
        inputShape = name.equals("lenet5") ? new int[] {1, 28, 28} : new int[] {784};
        trainer.initialize(shape(batch));
    }

    static SequentialBlock block(String name) {
        SequentialBlock b = new SequentialBlock();
        switch (name) {
            case "mlp" ->
                b.add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(256).build())
                        .add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(128).build())
                        .add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(10).build());
            case "lenet5" ->
                b.add(Conv2d.builder()
                                .setKernelShape(new Shape(5, 5))
                                .setFilters(6)
                                .optPadding(new Shape(2, 2))
                                .build())
                        .add(Activation.reluBlock())
                        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                        .add(Conv2d.builder()
                                .setKernelShape(new Shape(5, 5))
                                .setFilters(16)
                                .build())
                        .add(Activation.reluBlock())
                        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(120).build())
                        .add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(84).build())
                        .add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(10).build());
            default -> throw new IllegalArgumentException("no DJL twin for model " + name);
        }
        return b;
    }

    private Shape shape(int batch) {
        long[] s = new long[inputShape.length + 1];
        s[0] = batch;
        for (int i = 0; i < inputShape.length; i++) {
            s[i + 1] = inputShape[i];
        }
        return new Shape(s);
    }

    /** {@code steps} training steps over consecutive batches of {@code data}; returns the samples processed. */
    double train(Dataset data, int batch, int steps) {
        int size = data.sampleSize();
        int perEpoch = data.count() / batch;
        float[] labels = new float[batch];
        for (int s = 0; s < steps; s++) {
            int first = (s % perEpoch) * batch;
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray x = m.create(FloatBuffer.wrap(data.features(), first * size, batch * size), shape(batch));
                for (int i = 0; i < batch; i++) {
                    labels[i] = data.labels()[first + i];
                }
                NDArray y = m.create(labels);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                    NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
                    gc.backward(loss);
                }
                trainer.step();
            }
        }
        return (double) steps * batch;
    }

    /** The share of {@code data} the model classifies right (batches of 1,000). */
    double accuracy(Dataset data) {
        int size = data.sampleSize();
        long correct = 0;
        for (int first = 0; first < data.count(); first += 1000) {
            int n = Math.min(1000, data.count() - first);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray x = m.create(FloatBuffer.wrap(data.features(), first * size, n * size), shape(n));
                NDArray out = trainer.evaluate(new NDList(x)).singletonOrThrow();
                long[] predicted = out.argMax(1)
                        .toType(ai.djl.ndarray.types.DataType.INT64, false)
                        .toLongArray();
                for (int i = 0; i < n; i++) {
                    if (predicted[i] == data.labels()[first + i]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / data.count();
    }

    /** One inference pass over the first {@code batch} samples; returns the samples processed. */
    double infer(Dataset data, int batch) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray x = m.create(FloatBuffer.wrap(data.features(), 0, batch * data.sampleSize()), shape(batch));
            NDArray out = trainer.evaluate(new NDList(x)).singletonOrThrow();
            if (out.getShape().get(0) != batch) {
                throw new IllegalStateException("unexpected output " + out.getShape());
            }
        }
        return batch;
    }

    /** GFLOP of one n x n x n product on PyTorch, returned as flops processed. */
    static double matmul(NDArray a, NDArray b, int n) {
        try (NDArray c = a.matMul(b)) {
            if (c.getShape().get(0) != n) { // PyTorch runs eagerly: the product is done when matMul returns
                throw new IllegalStateException("unexpected shape " + c.getShape());
            }
        }
        return 2.0 * n * n * n;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
