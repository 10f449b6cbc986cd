package io.learnchain.bench;

import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.data.DatasetLoader;
import io.learnchain.node.data.TrainTestData;
import java.util.ArrayList;
import java.util.List;

/**
 * The centralised reference of issue 15's last figure: one run of the network's architecture (mlp,
 * Adam 1e-3, batch 64) given a training budget in steps, on PyTorch (the bench's peer) and on the
 * engine, and its test accuracy on the whole Fashion-MNIST test set. Prints one JSON line per run.
 * Usage: {@code scripts/bench-centralised.sh STEPS [STEPS ...]} (for a 4-miner, 20-round simulation:
 * 12000 = the winners' training, 48000 = all miners' training).
 */
public final class CentralisedRun {
    private CentralisedRun() {}

    public static void main(String[] args) throws Exception {
        List<Integer> budgets = new ArrayList<>();
        for (String a : args) {
            budgets.add(Integer.parseInt(a));
        }
        if (budgets.isEmpty()) {
            budgets = List.of(12_000, 48_000);
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.err.println(
                "PyTorch " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        TrainTestData data = DatasetLoader.standard().load("fashion-mnist");
        ModelSpec spec = PredefinedModels.MLP;
        int batch = 64;
        for (int steps : budgets) {
            long t0 = System.nanoTime();
            double torch;
            try (TorchPeer peer = new TorchPeer("mlp", batch, 1)) {
                peer.train(data.train(), batch, steps);
                torch = peer.accuracy(data.test());
            }
            double torchSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            TrainingRecord rec =
                    new TrainingRecord(new TrainingStart.FromSeed(1), Optimizer.Adam.of(0.001f), batch, steps, 1);
            double engine;
            try (ComputePool pool = new ComputePool(1)) {
                var model = new Trainer(pool).train(TrainingJob.of(spec, rec, data.train()));
                engine = (double) new Evaluator(pool).correctCount(model, data.test())
                        / data.test().count();
            }
            double engineSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(
                    "{\"kind\":\"centralised\",\"model\":\"mlp\",\"data\":\"%s\",\"steps\":%d,\"batch\":%d,\"samples\":%d,"
                            + "\"pytorchTestAccuracy\":%.4f,\"pytorchSeconds\":%.1f,\"engineTestAccuracy\":%.4f,"
                            + "\"engineSeconds\":%.1f}%n",
                    data.origin(), steps, batch, (long) steps * batch, torch, torchSeconds, engine, engineSeconds);
        }
    }
}
