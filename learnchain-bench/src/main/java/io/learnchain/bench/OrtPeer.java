package io.learnchain.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Initializer;
import java.nio.FloatBuffer;
import java.util.Map;

/** ONNX Runtime (CPU) as an inference peer, running the engine's own ONNX export of the model. */
final class OrtPeer implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final long[] shape;

    OrtPeer(ModelSpec spec, int batch, int threads) throws OrtException {
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(OnnxExporter.export(Initializer.initialize(spec, 1)), opts);
        }
        int[] dims = spec.layout().input().dims();
        shape = new long[dims.length + 1];
        shape[0] = batch;
        for (int i = 0; i < dims.length; i++) {
            shape[i + 1] = dims[i];
        }
    }

    double infer(Dataset data, int batch) throws OrtException {
        try (OnnxTensor x = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(data.features(), 0, batch * data.sampleSize()), shape);
                OrtSession.Result r = session.run(Map.of(OnnxExporter.INPUT, x))) {
            if (r.size() != 1) {
                throw new IllegalStateException("expected one output");
            }
        }
        return batch;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
