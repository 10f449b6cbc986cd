package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.pole.PoleFixture;
import io.learnchain.chain.pole.PrivateRounds;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.node.blob.BlobStoreView;
import io.learnchain.node.blob.InMemoryBlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.data.DatasetLoader;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.mempool.AdmissionRules;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.mempool.MempoolConfig;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.pole.MasterKeys;
import io.learnchain.node.pole.PoleConfig;
import io.learnchain.node.pole.PoleService;
import io.learnchain.node.storage.InMemoryChainStore;
import io.learnchain.node.task.RequesterJournal;
import io.learnchain.node.task.TaskPreparer;
import io.learnchain.node.task.TaskService;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, the model a requester downloads: a private task's winner reads the k features of its
 * round's projection, so the node delivers it behind that projection. The delivered ONNX classifies
 * the requester's clear test data (raw 8x8 images) in ONNX Runtime with exactly the accuracy the
 * node reports for the round; the metadata records the projection so that it can be recomputed; the
 * k-input model alone cannot even be fed the raw samples.
 */
class PrivateTaskDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPrivateTasksDeliveredOnnxClassifiesTheRequestersClearDataAtTheReportedAccuracy() throws Exception {
        PoleFixture fx = new PoleFixture();
        PrivateRounds privateTask = new PrivateRounds(fx);
        ChainTip genesis = ChainTip.genesis(fx.genesis);
        Block posted = fx.idle(genesis, List.of(privateTask.post()));
        ChainTip parent = fx.connect(genesis, posted);
        Hash roundKey = TaskRules.roundKey(parent.hash(), 1);
        Block won = privateTask.minedBlock(parent, PrivateRounds.keys(roundKey), 400);
        fx.connect(parent, won);

        InMemoryBlobStore blobs = new InMemoryBlobStore(fx.genesis.limits().maxBlobBytes());
        for (byte[] blob : fx.blobs().values()) {
            blobs.put(blob);
        }
        EventBus bus = new EventBus(16);
        ChainService chain = ChainService.open(
                fx.genesis,
                InMemoryChainStore.create(fx.genesis.chainId()),
                new Mempool(
                        MempoolConfig.DEFAULT,
                        new AdmissionRules(ChainRules.of(fx.genesis), SignatureVerifier.ED25519, true)),
                bus,
                new NodeMetrics(),
                Clock.system(),
                SignatureVerifier.ED25519,
                new BlobStoreView(blobs),
                ComputePool.serial());
        for (Block b : List.of(posted, won)) {
            assertThat(chain.importBlock(b)).isInstanceOf(ImportResult.Connected.class);
        }
        try (ComputePool pool = new ComputePool(1);
                PoleService pole = PoleService.start(
                        "delivery",
                        chain,
                        blobs,
                        bus,
                        Clock.system(),
                        pool,
                        Optional.empty(),
                        PoleConfig.DEFAULT,
                        PoleService.Pacing.dev(1),
                        false,
                        MasterKeys.inMemory());
                TaskService tasks = new TaskService(
                        pole,
                        blobs,
                        new TaskPreparer(DatasetLoader.standard()),
                        RequesterJournal.inMemory(),
                        Clock.system())) {
            TaskService.WinningModel w = tasks.model(1, Optional.empty()).orElseThrow();
            Dataset clear = concat(PrivateRounds.SHARDS);

            // the node's figure: the delivered (k-input) model on the test set through the round's rows
            assertThat(w.projection()).contains(PrivateRounds.PROJECTION);
            assertThat(w.mapping().roundKey()).isEqualTo(roundKey);
            int samples = w.round().testSamples();
            assertThat(samples).isEqualTo(clear.count());
            long reported = Math.round(w.round().testAccuracy() * samples);
            Dataset projected = PrivateRounds.PROJECTION.project(clear, PrivateRounds.PROJECTION.weights(roundKey));
            assertThat(new Evaluator(ComputePool.serial()).correctCount(w.model(), projected))
                    .isEqualTo(reported);
            assertThat(reported).as("better than chance (1/4)").isGreaterThan(samples / 4);
            System.out.println("private task's round 1 winner: " + reported + " of " + samples
                    + " clear test samples through its round's projection");

            // the requester's check: the delivered ONNX on its own raw images, in ONNX Runtime
            assertThat(onnxCorrect(w.onnx(), clear)).isEqualTo(reported);

            // control: the model as mined reads k = 4 values, not the requester's 64
            assertThatThrownBy(() -> onnxCorrect(OnnxExporter.export(w.model()), clear))
                    .isInstanceOf(OrtException.class);

            // the metadata says how the model reads its input and lets anyone rebuild the projection
            JsonNode notes = JSON.readTree(TaskRoutes.metadata(w).toJson()).path("notes");
            assertThat(notes.path("input").asText()).contains("through the round's projection");
            assertThat(notes.path("projection.roundKey").asText()).isEqualTo(roundKey.toHex());
            InputQuantizer q = PrivateRounds.PROJECTION.input();
            assertThat(List.of(
                            notes.path("projection.height").asInt(),
                            notes.path("projection.width").asInt(),
                            notes.path("projection.pool").asInt(),
                            notes.path("projection.levels").asInt(),
                            notes.path("projection.k").asInt(),
                            notes.path("projection.weightRange").asInt()))
                    .containsExactly(q.height(), q.width(), q.pool(), q.levels(), 4, 1);
        } finally {
            bus.close();
        }
    }

    static Dataset concat(List<Dataset> parts) {
        int size = parts.getFirst().sampleSize();
        int count = parts.stream().mapToInt(Dataset::count).sum();
        float[] x = new float[count * size];
        int[] y = new int[count];
        int at = 0;
        for (Dataset d : parts) {
            System.arraycopy(d.features(), 0, x, at * size, d.count() * size);
            System.arraycopy(d.labels(), 0, y, at, d.count());
            at += d.count();
        }
        return new Dataset(
                "clear test set",
                parts.getFirst().sampleShape(),
                parts.getFirst().classes(),
                x,
                y);
    }

    /** Correct predictions of {@code onnx} on {@code data}'s raw samples, fed as [n, height x width]. */
    static int onnxCorrect(byte[] onnx, Dataset data) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(data.features()), new long[] {data.count(), data.sampleSize()});
                OrtSession.Result out = session.run(Map.of(OnnxExporter.INPUT, input))) {
            float[][] logits = (float[][]) out.get(0).getValue();
            int correct = 0;
            for (int s = 0; s < data.count(); s++) {
                int best = 0;
                for (int c = 1; c < logits[s].length; c++) {
                    if (logits[s][c] > logits[s][best]) {
                        best = c;
                    }
                }
                if (best == data.labels()[s]) {
                    correct++;
                }
            }
            return correct;
        }
    }
}
