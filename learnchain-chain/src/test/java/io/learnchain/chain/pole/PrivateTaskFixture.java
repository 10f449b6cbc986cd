package io.learnchain.chain.pole;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.privacy.BoundedDiscreteLog;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InnerProductEncryption;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
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
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A private task (PROTOCOL.md 3.9) on a {@link PoleFixture} chain: 8x8 images pooled 2x2 (n = 16),
 * k = 4 rows in {-1, 0, 1} (at most 3 rounds), the label the brightest quadrant; the training set
 * encrypted under a seeded master key, the test shards in the clear. The miner decrypts a round's
 * features with the round's keys and trains on them.
 */
public final class PrivateTaskFixture {
    public static final ProjectionSpec PROJECTION = new ProjectionSpec(new InputQuantizer(8, 8, 2, 15), 4, 1);
    public static final ModelSpec MODEL =
            ModelSpec.of(Shape.of(4), new LayerSpec.Dense(8), new LayerSpec.Relu(), new LayerSpec.Dense(4));
    public static final Dataset CLEAR_TRAIN = images("private/train", 96, 21);
    public static final List<Dataset> SHARDS = DatasetShards.split(images("private/test", 128, 22), 4, 5);
    public static final MasterSecretKey MSK = InnerProductEncryption.setup(PROJECTION.dimension(), seeded(31));
    public static final byte[] ENCRYPTED = EncryptedDataset.encrypt(CLEAR_TRAIN, PROJECTION.input(), MSK, seeded(32))
            .encode();

    private final PoleFixture fx;

    public PrivateTaskFixture(PoleFixture fx) {
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

    public static EntropySource seeded(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        return into -> {
            for (int i = 0; i < into.length; i++) {
                into[i] = (byte) rng.nextLong();
            }
        };
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

    /** Tip after block 1: the requester's private task posted in an idle block. */
    public ChainTip withPrivateTask() {
        ChainTip genesis = ChainTip.genesis(fx.genesis);
        return fx.connect(genesis, fx.idle(genesis, List.of(post())));
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

    /** The miner's side: decrypts the round's features with the released keys and trains on them (24 steps). */
    public Block minedBlock(ChainTip parent, List<FunctionalKey> revealed) {
        return minedBlock(parent, revealed, 24);
    }

    /** As {@link #minedBlock(ChainTip, List)}, training {@code steps} steps of batch 4. */
    public Block minedBlock(ChainTip parent, List<FunctionalKey> revealed, long steps) {
        Round.Learning r = fx.learning(parent);
        Dataset features = RoundFeatures.decrypt(
                EncryptedDataset.decode(ENCRYPTED),
                PROJECTION,
                r.roundKey(),
                keys(r.roundKey()),
                BoundedDiscreteLog.forBound(PROJECTION.bound()),
                "decrypted");
        TrainingRecord record = PoleFixture.record(parent, PoleFixture.MINER, 4, steps, new TrainingStart.FromSeed(4));
        CheckpointedRun run = CheckpointedRun.complete(
                ComputePool.serial(),
                new TrainingJob(
                        MODEL,
                        record,
                        r.sml().relabel(features),
                        InputTransform.IDENTITY,
                        null,
                        TrainingListener.NONE));
        Model model = fx.register(new MinedWork(record, run.checkpoints()));
        Dataset shard = PROJECTION.project(SHARDS.get(r.shardIndex()), PROJECTION.weights(r.roundKey()));
        long score =
                new Evaluator(ComputePool.serial()).correctCount(model, r.sml().relabel(shard));
        var committed = fx.commit(parent, PoleFixture.MINER, model.hash(), record, 4, List.of());
        return fx.complete(committed, reveal(parent, revealed), score, PoleFixture.MINER);
    }
}
