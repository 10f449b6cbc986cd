package io.learnchain.chain.pole;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.privacy.BoundedDiscreteLog;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InnerProductEncryption;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.DatasetShards;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.Shape;
import io.learnchain.learn.train.CheckpointedRun;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A private task's rounds on a {@link PoleFixture} chain (PROTOCOL.md 3.9), for the chain's tests
 * and the node's: the training set is an encrypted blob, a miner trains on its decryption with the
 * round's keys, and the block's reveal carries those keys. 8x8 images pooled 2x2 (n = 16), k = 4
 * rows in {-1, 0, 1}: at most 3 rounds; the task runs 2.
 */
public final class PrivateRounds {
    /** Steps of a forger's record (K = 24 segments, 3 challenged) and the segment it jumps. */
    public static final long STEPS = 24;

    public static final int JUMP = 12;

    public static final ProjectionSpec PROJECTION = new ProjectionSpec(new InputQuantizer(8, 8, 2, 15), 4, 1);
    public static final ModelSpec MODEL =
            ModelSpec.of(Shape.of(4), new LayerSpec.Dense(8), new LayerSpec.Relu(), new LayerSpec.Dense(4));
    public static final Dataset CLEAR_TRAIN = images("private/train", 96, 21);
    public static final List<Dataset> SHARDS = DatasetShards.split(images("private/test", 128, 22), 4, 5);
    public static final MasterSecretKey MSK =
            InnerProductEncryption.setup(PROJECTION.dimension(), io.learnchain.chain.privacy.EntropySource.seeded(31));
    public static final byte[] ENCRYPTED = EncryptedDataset.encrypt(
                    CLEAR_TRAIN, PROJECTION.input(), MSK, io.learnchain.chain.privacy.EntropySource.seeded(32))
            .encode();

    public final PoleFixture fx;

    public PrivateRounds() {
        this(new PoleFixture());
    }

    /** The private task's rounds on {@code fx}'s chain and blob store. */
    public PrivateRounds(PoleFixture fx) {
        this.fx = fx;
    }

    /** Samples of 8x8 values in [0, 1]; the label is the brightest quadrant. */
    public static Dataset images(String name, int count, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] x = new float[count * 64];
        int[] y = new int[count];
        for (int s = 0; s < count; s++) {
            float[] quadrant = new float[4];
            for (int i = 0; i < 64; i++) {
                float v = rng.nextFloat();
                x[s * 64 + i] = v;
                quadrant[(i / 32) * 2 + (i % 8) / 4] += v;
            }
            for (int q = 1; q < 4; q++) {
                if (quadrant[q] > quadrant[y[s]]) {
                    y[s] = q;
                }
            }
        }
        return new Dataset(name, new int[] {8, 8}, 4, x, y);
    }

    /** Tip after block 1: the requester's private task (2 rounds) posted in an idle block ({@link #posting}). */
    public ChainTip withPrivateTask() {
        return fx.connect(ChainTip.genesis(fx.genesis), posting());
    }

    /** Block 1 on genesis: an idle block with the requester's private task; its blobs go to the fixture's store. */
    public Block posting() {
        return fx.idle(ChainTip.genesis(fx.genesis), List.of(post()));
    }

    /** The requester's PostTask of the private task (2 rounds); its blobs go into the fixture's store. */
    public SignedTransaction post() {
        Hash train = fx.put(ENCRYPTED);
        List<Hash> shards = new ArrayList<>();
        SHARDS.forEach(s -> shards.add(fx.put(DatasetCodec.encode(s))));
        PostTask task = new PostTask(
                MODEL.text(), train, 0, 2, Amount.ofCoins(10), 60, 0, 600, shards, Optional.of(PROJECTION));
        return fx.tx(PoleFixture.REQUESTER, 0, Amount.ZERO, task);
    }

    public static List<FunctionalKey> keys(Hash roundKey) {
        return RoundFeatures.deriveKeys(PROJECTION, MSK, roundKey);
    }

    public SignedTransaction reveal(ChainTip parent, List<FunctionalKey> keys) {
        Round.Learning r = fx.learning(parent);
        return fx.tx(
                PoleFixture.REQUESTER,
                1,
                Amount.ZERO,
                new RevealShard(r.taskId(), parent.hash(), r.shardIndex(), r.shardHash(), List.of(), keys));
    }

    /** An honest miner's block (24 steps, K = 24 segments): decrypts the round's features with the released keys and trains on them. */
    public Block minedBlock(ChainTip parent, List<FunctionalKey> revealed) {
        return minedBlock(parent, revealed, STEPS);
    }

    /** As {@link #minedBlock(ChainTip, List)}, training {@code steps} steps of batch 4. */
    public Block minedBlock(ChainTip parent, List<FunctionalKey> revealed, long steps) {
        TrainingRecord record = PoleFixture.record(parent, PoleFixture.MINER, 4, steps, new TrainingStart.FromSeed(4));
        CheckpointedRun run = CheckpointedRun.complete(
                ComputePool.serial(),
                new TrainingJob(MODEL, record, features(parent), InputTransform.IDENTITY, null, TrainingListener.NONE));
        Model model = fx.register(new MinedWork(record, run.checkpoints()));
        var committed = fx.commit(parent, PoleFixture.MINER, model.hash(), record, 4, List.of());
        return fx.complete(committed, reveal(parent, revealed), score(parent, model), PoleFixture.MINER);
    }

    /** The round's training set as a miner decrypts it with the round's keys, relabelled by the round's layer. */
    public Dataset features(ChainTip parent) {
        Round.Learning r = fx.learning(parent);
        Dataset decrypted = RoundFeatures.decrypt(
                EncryptedDataset.decode(ENCRYPTED),
                PROJECTION,
                r.roundKey(),
                keys(r.roundKey()),
                BoundedDiscreteLog.forBound(PROJECTION.bound()),
                "decrypted");
        return r.sml().relabel(decrypted);
    }

    /** What {@code model} scores on the round's shard, projected with the round's rows. */
    public long score(ChainTip parent, Model model) {
        Round.Learning r = fx.learning(parent);
        Dataset shard = PROJECTION.project(SHARDS.get(r.shardIndex()), PROJECTION.weights(r.roundKey()));
        return new Evaluator(ComputePool.serial()).correctCount(model, r.sml().relabel(shard));
    }

    /**
     * A one-jump forger's block on the private round of {@code parent} (24 steps, checkpoint
     * {@link #JUMP} replaced by a model trained elsewhere) that the challenge missed, with the
     * round's keys in its reveal: valid, so only a fraud proof refutes it.
     */
    public Block uncaughtOneJump(ChainTip parent) {
        Dataset train = features(parent);
        List<FunctionalKey> revealed = keys(fx.learning(parent).roundKey());
        TrainingRecord pre = PoleFixture.record(parent, PoleFixture.OTHER_MINER, 77, 60, new TrainingStart.FromSeed(0));
        ComputePool pool = ComputePool.serial();
        Model substitute = new Trainer(pool).train(TrainingJob.of(MODEL, pre, train));
        for (long nonce = 1; nonce < 100; nonce++) {
            TrainingRecord rec =
                    PoleFixture.record(parent, PoleFixture.MINER, nonce, STEPS, new TrainingStart.FromSeed(0));
            Model start = Initializer.initialize(
                    MODEL,
                    TaskRules.initSeed(
                            parent.hash(), PoleFixture.key(PoleFixture.MINER).publicKey(), nonce));
            Model m = fx.register(WorkForgery.oneJump(pool, MODEL, rec, train, start, JUMP, substitute));
            var committed = fx.commit(parent, PoleFixture.MINER, m.hash(), rec, nonce, List.of());
            Block b = fx.complete(committed, reveal(parent, revealed), score(parent, m), PoleFixture.MINER);
            if (BlockProcessor.apply(parent, b, fx.rules, fx.context()) instanceof Verdict.Valid) {
                return b;
            }
        }
        throw new AssertionError("every challenge caught the jump: 100 nonces, 3/24 each");
    }

    /** A blob view over the fixture's blobs that caches derived data sets, as a node does, and counts the derivations. */
    public static final class CachingBlobs implements BlobView {
        private final BlobView base;
        public final Map<Hash, Dataset> cache = new HashMap<>();
        public final AtomicInteger derivations = new AtomicInteger();

        public CachingBlobs(Map<Hash, byte[]> blobs) {
            this.base = BlobView.of(blobs);
        }

        @Override
        public Optional<byte[]> get(Hash hash) {
            return base.get(hash);
        }

        @Override
        public Dataset derived(Hash key, Supplier<Dataset> derive) {
            return cache.computeIfAbsent(key, k -> {
                derivations.incrementAndGet();
                return derive.get();
            });
        }
    }
}
