package io.learnchain.bench;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.nn.Network;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;

/** The learnchain engine as a benchmark peer: Adam training steps and batched inference. */
final class EnginePeer implements AutoCloseable {
    private final ComputePool pool;

    EnginePeer(int threads) {
        this.pool = new ComputePool(threads);
    }

    /** Trains {@code steps} Adam steps from a fresh initialisation; returns the samples processed. */
    double train(ModelSpec spec, Dataset data, int batch, int steps) {
        TrainingRecord record =
                new TrainingRecord(new TrainingStart.FromSeed(1), Optimizer.Adam.of(1e-3f), batch, steps, 2);
        Model m = new Trainer(pool).train(TrainingJob.of(spec, record, data));
        if (m.parameterCount() == 0) {
            throw new IllegalStateException("empty model");
        }
        return (double) steps * batch;
    }

    /** A network loaded with initial weights, for {@link #infer}. */
    Network network(ModelSpec spec, int batch) {
        Network net = new Network(spec, batch);
        net.load(Initializer.initialize(spec, 1));
        return net;
    }

    /** One forward pass over {@code batch} samples of {@code data}; returns the samples processed. */
    double infer(Network net, Dataset data, int batch) {
        float[] out = net.forward(pool, data.features(), batch);
        if (!Float.isFinite(out[0])) {
            throw new IllegalStateException("non-finite output");
        }
        return batch;
    }

    ComputePool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
