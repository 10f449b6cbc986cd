package io.learnchain.bench;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.Premine;
import io.learnchain.chain.genesis.ProtocolLimits;
import io.learnchain.chain.pole.CandidateBlockBuilder;
import io.learnchain.chain.pole.MinedWork;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.pole.WorkChallenge;
import io.learnchain.chain.pole.WorkVerifier;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.tx.WitnessedCommitment;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.learn.train.CheckpointedRun;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import io.learnchain.node.blob.BlobStoreView;
import io.learnchain.node.blob.InMemoryBlobStore;
import io.learnchain.node.data.DatasetLoader;
import io.learnchain.node.data.TrainTestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 15's cost figure, side by side in one process: a miner's training for one round of a task
 * on the full Fashion-MNIST (its checkpoints hashed, as the protocol asks) against one node's
 * verification of the block it makes at the default level ({@code BlockProcessor.apply} with the
 * round's blobs held decoded, as a node holds them), and the verification's parts timed on their
 * own: the shard score, the 1,024-sample training accuracy, the work check. CPU of the measuring
 * thread on a serial pool; each repeat trains a new model (another nonce); the first is a warm-up.
 * Prints one JSON line per repeat and one with the medians.
 *
 * <p>Usage: {@code scripts/bench-verification.sh [mlp|lenet5] [STEPS] [REPEATS] [ROUNDS]} (defaults: mlp,
 * the simulation preset's steps, 5 repeats, a 20-round task: its shards are 500 test images).
 */
public final class VerificationCost {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private VerificationCost() {}

    private record Task(ModelSpec spec, long steps, int batch, float learningRate, int minBp) {}

    private record Sample(double training, double verification, double shardScore, double accuracySample, double work) {
        String json() {
            return String.format(
                    Locale.ROOT,
                    "{\"trainingSeconds\":%.4f,\"verificationSeconds\":%.4f,\"share\":%.4f,"
                            + "\"shardScoreSeconds\":%.4f,\"accuracySampleSeconds\":%.4f,\"workCheckSeconds\":%.4f}",
                    training,
                    verification,
                    verification / training,
                    shardScore,
                    accuracySample,
                    work);
        }
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "mlp";
        Task task = switch (name) {
            case "mlp" -> new Task(PredefinedModels.MLP, 600, 64, 0.001f, 7000);
            case "lenet5" -> new Task(PredefinedModels.LENET5, 300, 32, 0.002f, 6000);
            default -> throw new IllegalArgumentException("task must be mlp or lenet5, got " + name);
        };
        long steps = args.length > 1 ? Long.parseLong(args[1]) : task.steps();
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        TrainTestData data = DatasetLoader.standard().load("fashion-mnist");
        System.err.printf(
                Locale.ROOT,
                "%s, %d steps x %d, data %s (%d training, %d test in %d shards), %d repeats after a warm-up%n",
                name,
                steps,
                task.batch(),
                data.origin(),
                data.train().count(),
                data.test().count(),
                rounds,
                repeats);
        List<Sample> samples = new ArrayList<>();
        try (ComputePool pool = ComputePool.serial()) {
            Setup s = new Setup(task, data, rounds);
            for (int r = 0; r <= repeats; r++) {
                Sample sample = s.measure(pool, steps, r + 1);
                System.out.println(
                        (r == 0 ? "{\"warmUp\":true," : "{") + sample.json().substring(1));
                if (r > 0) {
                    samples.add(sample);
                }
            }
        }
        Sample median = new Sample(
                median(samples.stream().mapToDouble(Sample::training).toArray()),
                median(samples.stream().mapToDouble(Sample::verification).toArray()),
                median(samples.stream().mapToDouble(Sample::shardScore).toArray()),
                median(samples.stream().mapToDouble(Sample::accuracySample).toArray()),
                median(samples.stream().mapToDouble(Sample::work).toArray()));
        System.out.println("{\"median\":true,\"task\":\"" + name + "\",\"steps\":" + steps + ",\"shardImages\":"
                + data.test().count() / rounds + "," + median.json().substring(1));
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double seconds(long fromNanos) {
        return (CPU.getCurrentThreadCpuTime() - fromNanos) / 1e9;
    }

    /** A chain with one posted task (the 10,000 test images in one shard a round) and a node's blob view. */
    private static final class Setup {
        private final Task task;
        private final TrainTestData data;
        private final ChainRules rules;
        private final ChainTip tip;
        private final Round.Learning round;
        private final KeyPair requester = DevAccounts.keys(0);
        private final KeyPair miner = DevAccounts.keys(1);
        private final InMemoryBlobStore store;
        private final BlobStoreView view;
        private final Dataset shard;

        Setup(Task task, TrainTestData data, int rounds) {
            this.task = task;
            this.data = data;
            List<Premine> premine = List.of(
                    new Premine(DevAccounts.address(0), Amount.ofCoins(1_000_000)),
                    new Premine(DevAccounts.address(1), Amount.ofCoins(1_000_000)));
            Genesis genesis = new Genesis(
                    "learnchain-bench", Engine.POLE, 10, 1, premine, ProtocolLimits.DEFAULT, Amount.ofCoins(50), 1_000);
            rules = ChainRules.of(genesis);
            store = new InMemoryBlobStore(genesis.limits().maxBlobBytes());
            byte[] trainBlob = DatasetCodec.encode(data.train());
            List<Hash> shardHashes = new ArrayList<>();
            for (Dataset d : DatasetShards.split(data.test(), rounds, 1)) {
                shardHashes.add(put(DatasetCodec.encode(d)));
            }
            PostTask terms = new PostTask(
                    task.spec().text(), put(trainBlob), task.minBp(), 3, Amount.ofCoins(10), 60, 60, 600, shardHashes);
            SignedTransaction post = SignedTransaction.sign(
                    new TxBody(genesis.chainId(), requester.publicKey(), 0, Amount.ZERO, terms), requester);
            ChainTip g = ChainTip.genesis(genesis);
            Block b1 = BlockAssembler.mine(g, List.of(post), miner, g.timestamp() + 10, rules, 1_000_000)
                    .orElseThrow();
            tip = ((Verdict.Valid) BlockProcessor.apply(g, b1, rules, ValidationContext.at(Long.MAX_VALUE / 4000)))
                    .tip();
            round = (Round.Learning) RoundDriver.round(tip, rules);
            view = new BlobStoreView(store);
            // a node holds the task's training set and the round's shard decoded (BlobStoreView's cache)
            view.dataset(terms.trainingSet()).orElseThrow();
            shard = view.dataset(round.shardHash()).orElseThrow();
        }

        private Hash put(byte[] bytes) {
            try {
                return store.put(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Sample measure(ComputePool pool, long steps, long nonce) {
            Hash previous = tip.hash();
            TrainingRecord record = new TrainingRecord(
                    new TrainingStart.FromSeed(TaskRules.initSeed(previous, miner.publicKey(), nonce)),
                    Optimizer.Adam.of(task.learningRate()),
                    task.batch(),
                    steps,
                    TaskRules.dataOrderSeed(previous, miner.publicKey(), nonce));
            Dataset train = round.sml().relabel(data.train());
            long t0 = CPU.getCurrentThreadCpuTime();
            CheckpointedRun run = CheckpointedRun.complete(
                    pool,
                    new TrainingJob(task.spec(), record, train, InputTransform.IDENTITY, null, TrainingListener.NONE));
            double training = seconds(t0);
            Model model = run.model();
            MinedWork mined = new MinedWork(record, run.checkpoints());
            CandidateBlockBuilder.Committed committed = CandidateBlockBuilder.commit(
                    tip,
                    rules,
                    round,
                    miner,
                    List.of(),
                    model.hash(),
                    record,
                    mined.proof(),
                    nonce,
                    SignatureVerifier.ED25519);
            SignedTransaction reveal = SignedTransaction.sign(
                    new TxBody(
                            rules.chainId(),
                            requester.publicKey(),
                            1,
                            Amount.ZERO,
                            new RevealShard(
                                    round.taskId(),
                                    previous,
                                    round.shardIndex(),
                                    round.shardHash(),
                                    List.of(new WitnessedCommitment(
                                            committed.commitment().id(), model.hash())))),
                    requester);
            List<Hash> openings = new ArrayList<>();
            for (byte[] b : mined.openings(committed.challengedSegments(reveal))) {
                openings.add(put(b));
            }
            put(model.canonicalBytes());
            Dataset mappedShard = round.sml().relabel(shard);
            long score = new Evaluator(pool).correctCount(model, mappedShard);
            Block block = committed.complete(
                    reveal, score, openings, tip.timestamp() + 10, miner, rules, SignatureVerifier.ED25519);
            ValidationContext ctx =
                    ValidationContext.at(Long.MAX_VALUE / 4000).withBlobs(view).withPool(pool);

            long t1 = CPU.getCurrentThreadCpuTime();
            Verdict v = BlockProcessor.apply(tip, block, rules, ctx);
            double verification = seconds(t1);
            if (!(v instanceof Verdict.Valid)) {
                throw new IllegalStateException("the honest block does not verify: " + v);
            }
            // the parts on their own
            long t2 = CPU.getCurrentThreadCpuTime();
            new Evaluator(pool).correctCount(model, mappedShard);
            double shardScore = seconds(t2);
            Hash challenge = committed.challengeSeed(reveal);
            long t3 = CPU.getCurrentThreadCpuTime();
            new Evaluator(pool).correctCount(model, WorkChallenge.accuracySample(challenge, train));
            double sample = seconds(t3);
            PoleProof p = (PoleProof) block.header().proof();
            Hash start = Initializer.initialize(task.spec(), ((TrainingStart.FromSeed) record.start()).seed())
                    .hash();
            long t4 = CPU.getCurrentThreadCpuTime();
            if (WorkVerifier.check(p, task.spec(), train, challenge, start, ctx).isPresent()) {
                throw new IllegalStateException("the honest work does not check");
            }
            double work = seconds(t4);
            return new Sample(training, verification, shardScore, sample, work);
        }
    }
}
