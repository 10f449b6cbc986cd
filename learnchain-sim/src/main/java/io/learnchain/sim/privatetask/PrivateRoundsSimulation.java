package io.learnchain.sim.privatetask;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.work.SecureMappingLayer;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A private task's rounds in one process, against the same task in the clear (issue 20): the data
 * node encrypts its training set once and posts the blob; for each round (parents a seeded hash
 * chain), the round key gives the label permutation and the k weight rows, the data node publishes
 * the k functional keys, the miner checks them, decrypts its features and trains the private model
 * ({@code input k | dense 64 | relu | dense C}); the same record trains the clear model on the
 * 784 pixels. Both are scored on the whole test set through the round's layer, the private one on
 * the test set projected with the round's rows (the test data stays in the clear), and a verifier
 * recomputes the private winner's claim on the round's shard.
 *
 * <p>What it does not run: the network, blocks, commitments and reveals; those are the
 * {@code rounds} scenario's, which does not carry private tasks yet (docs/simulation.md).
 */
public final class PrivateRoundsSimulation {
    static final long TASK_ID = 1;
    static final Hash CHAIN_ID = Hash.sha256("learnchain/sim/private-chain".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] PARENT_DOMAIN = "learnchain/sim/private-parent/v1".getBytes(StandardCharsets.US_ASCII);

    /** One round's figures; times in seconds of wall clock on this process. */
    public record RoundRow(
            int round,
            Hash parent,
            boolean keysAccepted,
            int clearCorrect,
            int privateCorrect,
            int testCount,
            boolean verified,
            double keySeconds,
            double keyCheckSeconds,
            double decryptSeconds,
            double privateTrainSeconds,
            double clearTrainSeconds) {
        /** What the private task adds to a round: the keys, their check and the decryption. */
        public double extraSeconds() {
            return keySeconds + keyCheckSeconds + decryptSeconds;
        }
    }

    private final PrivateRoundsConfig config;
    private final Dataset train;
    private final Dataset test;

    public PrivateRoundsSimulation(PrivateRoundsConfig config, Dataset train, Dataset test) {
        this.config = config;
        this.train = firstSamples(train, config.samples());
        this.test = test;
    }

    /** Runs every round; fills {@code rows} and returns the summary. */
    public Map<String, Object> run(ComputePool pool, List<RoundRow> rows) {
        ProjectionSpec spec = config.projection();
        long start = System.nanoTime();
        KeyPair requester = KeyPair.fromSeed(
                Hash.sha256(("learnchain/sim/requester/" + config.seed()).getBytes(StandardCharsets.US_ASCII))
                        .toArray());
        DataNode dataNode = new DataNode(train, spec, requester, EntropySource.seeded(config.seed()));
        byte[] posted = dataNode.encryptedBlob();
        double encryptSeconds = seconds(start);
        start = System.nanoTime();
        PrivateMiner miner = new PrivateMiner(spec, posted, pool);
        double minerDecodeSeconds = seconds(start);
        ModelSpec privateModel =
                ModelSpec.parse("input " + spec.width() + " | dense 64 | relu | dense " + train.classes());
        ModelSpec clearModel =
                ModelSpec.parse("input " + train.sampleSize() + " | dense 64 | relu | dense " + train.classes());
        Trainer trainer = new Trainer(pool);
        Evaluator evaluator = new Evaluator(pool);
        int shardSize = test.count() / config.rounds();
        for (int r = 0; r < config.rounds(); r++) {
            rows.add(round(r, dataNode, miner, privateModel, clearModel, pool, trainer, evaluator, shardSize));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rounds", config.rounds());
        result.put("seed", config.seed());
        result.put("trainingSamples", train.count());
        result.put("dimension", spec.dimension());
        result.put("pool", spec.input().pool());
        result.put("inputLevels", spec.input().levels());
        result.put("smlWidth", spec.width());
        result.put("weightRange", spec.weightRange());
        result.put("steps", config.steps());
        result.put("encryptedBlobBytes", posted.length);
        result.put("encryptSeconds", round2(encryptSeconds));
        result.put("minerDecodeSecondsOnce", round2(minerDecodeSeconds));
        result.put(
                "meanClearCorrect",
                round2(rows.stream().mapToInt(RoundRow::clearCorrect).average().orElse(0)));
        result.put(
                "meanPrivateCorrect",
                round2(rows.stream()
                        .mapToInt(RoundRow::privateCorrect)
                        .average()
                        .orElse(0)));
        result.put("testCount", test.count());
        result.put(
                "meanExtraSecondsPerRound",
                round2(rows.stream()
                        .mapToDouble(RoundRow::extraSeconds)
                        .average()
                        .orElse(0)));
        result.put(
                "meanPrivateTrainSeconds",
                round2(rows.stream()
                        .mapToDouble(RoundRow::privateTrainSeconds)
                        .average()
                        .orElse(0)));
        result.put(
                "meanClearTrainSeconds",
                round2(rows.stream()
                        .mapToDouble(RoundRow::clearTrainSeconds)
                        .average()
                        .orElse(0)));
        result.put("allVerified", rows.stream().allMatch(RoundRow::verified));
        return result;
    }

    private RoundRow round(
            int r,
            DataNode dataNode,
            PrivateMiner miner,
            ModelSpec privateModel,
            ModelSpec clearModel,
            ComputePool pool,
            Trainer trainer,
            Evaluator evaluator,
            int shardSize) {
        ProjectionSpec spec = config.projection();
        Hash parent = parentOf(config.seed(), r);
        Hash roundKey = SecureMappingLayer.roundKey(parent, TASK_ID);
        SecureMappingLayer layer = new SecureMappingLayer(roundKey, train.classes());
        int[][] rows = spec.weights(roundKey);

        long t = System.nanoTime();
        RoundKeyRelease release = dataNode.release(CHAIN_ID, TASK_ID, parent);
        double keySeconds = seconds(t);
        t = System.nanoTime();
        boolean accepted = miner.problem(release, CHAIN_ID, TASK_ID, parent, dataNode.requester())
                .isEmpty();
        double checkSeconds = seconds(t);
        List<FunctionalKey> keys = release.keys();
        if (!accepted) {
            return new RoundRow(r + 1, parent, false, 0, 0, test.count(), false, keySeconds, checkSeconds, 0, 0, 0);
        }
        t = System.nanoTime();
        Dataset features = miner.features(roundKey, keys, pool);
        double decryptSeconds = seconds(t);

        SplitMix64 seeds = SplitMix64.derive(config.seed(), r);
        TrainingRecord record = new TrainingRecord(
                new TrainingStart.FromSeed(seeds.nextLong()),
                Optimizer.Adam.of(config.learningRate()),
                config.batch(),
                config.steps(),
                seeds.nextLong());
        t = System.nanoTime();
        Model privateWinner = trainer.train(TrainingJob.of(privateModel, record, layer.relabel(features)));
        double privateTrain = seconds(t);
        t = System.nanoTime();
        Model clearWinner = trainer.train(TrainingJob.of(clearModel, record, layer.relabel(train)));
        double clearTrain = seconds(t);

        int clearCorrect = evaluator.correctCount(clearWinner, layer.relabel(test));
        int privateCorrect = evaluator.correctCount(privateWinner, layer.relabel(spec.project(test, rows)));
        Dataset shard = slice(test, r * shardSize, shardSize);
        int claimed = evaluator.correctCount(privateWinner, layer.relabel(spec.project(shard, rows)));
        boolean verified = verify(privateWinner, shard, roundKey, claimed, evaluator);
        return new RoundRow(
                r + 1,
                parent,
                true,
                clearCorrect,
                privateCorrect,
                test.count(),
                verified,
                keySeconds,
                checkSeconds,
                decryptSeconds,
                privateTrain,
                clearTrain);
    }

    /** A verifier's recomputation: the clear shard, projected with the rows it derives itself. */
    private boolean verify(Model winner, Dataset shard, Hash roundKey, int claimed, Evaluator evaluator) {
        ProjectionSpec spec = config.projection();
        SecureMappingLayer layer = new SecureMappingLayer(roundKey, shard.classes());
        Dataset projected = layer.relabel(spec.project(shard, spec.weights(roundKey)));
        return evaluator.correctCount(winner, projected) == claimed;
    }

    /** The seeded chain of round parents: SHA-256(domain || seed || round). */
    static Hash parentOf(long seed, int round) {
        CanonicalWriter out = new CanonicalWriter(64);
        out.raw(PARENT_DOMAIN).i64(seed).i32(round);
        return Hash.sha256(out.toByteArray());
    }

    static Dataset firstSamples(Dataset data, int count) {
        return count >= data.count() ? data : slice(data, 0, count);
    }

    static Dataset slice(Dataset data, int from, int count) {
        int size = data.sampleSize();
        return new Dataset(
                data.name() + "[" + from + ".." + (from + count) + ")",
                data.sampleShape(),
                data.classes(),
                Arrays.copyOfRange(data.features(), from * size, (from + count) * size),
                Arrays.copyOfRange(data.labels(), from, from + count));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
