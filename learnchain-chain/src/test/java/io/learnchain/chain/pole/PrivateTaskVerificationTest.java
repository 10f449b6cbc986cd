package io.learnchain.chain.pole;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InnerProductEncryption;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
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
import io.learnchain.learn.train.InputTransform;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingListener;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A private task's round on the chain (PROTOCOL.md 3.9): the training set is an encrypted blob, the
 * miner trains on its decryption with the round's keys, and the block's reveal carries those keys.
 * 8x8 images pooled 2x2 (n = 16), k = 4 rows in {-1, 0, 1}: at most 3 rounds. Fraud proofs against
 * such a round: {@link PrivateFraudProofTest}, which reuses this class's rounds.
 */
class PrivateTaskVerificationTest {
    static final ProjectionSpec PROJECTION = new ProjectionSpec(new InputQuantizer(8, 8, 2, 15), 4, 1);
    static final ModelSpec MODEL =
            ModelSpec.of(Shape.of(4), new LayerSpec.Dense(8), new LayerSpec.Relu(), new LayerSpec.Dense(4));
    static final Dataset CLEAR_TRAIN = images("private/train", 96, 21);
    static final List<Dataset> SHARDS = DatasetShards.split(images("private/test", 128, 22), 4, 5);
    static final MasterSecretKey MSK = InnerProductEncryption.setup(PROJECTION.dimension(), seeded(31));
    static final byte[] ENCRYPTED = EncryptedDataset.encrypt(CLEAR_TRAIN, PROJECTION.input(), MSK, seeded(32))
            .encode();

    final PoleFixture fx = new PoleFixture();

    /** Samples of 8x8 values in [0, 1]; the label is the brightest quadrant. */
    static Dataset images(String name, int count, long seed) {
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

    static io.learnchain.chain.privacy.EntropySource seeded(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        return into -> {
            for (int i = 0; i < into.length; i++) {
                into[i] = (byte) rng.nextLong();
            }
        };
    }

    /** Tip after block 1: the requester's private task (2 rounds) posted in an idle block. */
    ChainTip withPrivateTask() {
        Hash train = fx.put(ENCRYPTED);
        List<Hash> shards = new ArrayList<>();
        SHARDS.forEach(s -> shards.add(fx.put(DatasetCodec.encode(s))));
        PostTask task = new PostTask(
                MODEL.text(), train, 0, 2, Amount.ofCoins(10), 60, 0, 600, shards, Optional.of(PROJECTION));
        SignedTransaction post = fx.tx(PoleFixture.REQUESTER, 0, Amount.ZERO, task);
        ChainTip genesis = ChainTip.genesis(fx.genesis);
        return fx.connect(genesis, fx.idle(genesis, List.of(post)));
    }

    static List<FunctionalKey> keys(Hash roundKey) {
        return RoundFeatures.deriveKeys(PROJECTION, MSK, roundKey);
    }

    SignedTransaction reveal(ChainTip parent, List<FunctionalKey> keys) {
        Round.Learning r = fx.learning(parent);
        return fx.tx(
                PoleFixture.REQUESTER,
                1,
                Amount.ZERO,
                new RevealShard(r.taskId(), parent.hash(), r.shardIndex(), r.shardHash(), List.of(), keys));
    }

    /** The miner's side: decrypts the round's features with the released keys and trains on them. */
    Block minedBlock(ChainTip parent, List<FunctionalKey> revealed) {
        Round.Learning r = fx.learning(parent);
        Dataset features = RoundFeatures.decrypt(
                EncryptedDataset.decode(ENCRYPTED),
                PROJECTION,
                r.roundKey(),
                keys(r.roundKey()),
                io.learnchain.chain.privacy.BoundedDiscreteLog.forBound(PROJECTION.bound()),
                "decrypted");
        TrainingRecord record = PoleFixture.record(parent, PoleFixture.MINER, 4, 24, new TrainingStart.FromSeed(4));
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

    Verdict verdict(ChainTip parent, Block block) {
        return BlockProcessor.apply(parent, block, fx.rules, fx.context());
    }

    @Test
    void minerTrainedOnTheDecryptedFeaturesWinsTheRound() {
        ChainTip parent = withPrivateTask();
        Block block = minedBlock(parent, keys(fx.learning(parent).roundKey()));
        ChainTip tip = fx.connect(parent, block);
        assertThat(tip.state().tasks().get(1).orElseThrow().winners()).hasSize(1);
    }

    @Test
    void replayReproducesAPrivateRoundFromTheRevealsKeys() {
        ChainTip parent = withPrivateTask();
        Block block = minedBlock(parent, keys(fx.learning(parent).roundKey()));
        fx.connect(parent, block);
        var outcome =
                ReplayVerifier.replay(parent, fx.rules, block, BlobView.of(fx.blobs()), ComputePool.serial(), 10_000);
        assertThat(outcome).isInstanceOf(ReplayVerifier.Outcome.Reproduced.class);
    }

    @Test
    void privateRoundWithoutItsKeysForfeitsAsASilentRequestersDoes() {
        ChainTip parent = withPrivateTask();
        ChainTip after = fx.connect(parent, fx.forfeit(parent, List.of()));
        var task = after.state().tasks().get(1).orElseThrow();
        assertThat(task.forfeits()).isEqualTo(1);
        assertThat(task.winners()).isEmpty();
    }

    @Test
    void aPrivateRoundsBlockKeepsRoomForTheRevealsKeys() {
        long clear = CandidateBlockBuilder.reservedBytes(fx.learning(fx.withTask()));
        long keyed = CandidateBlockBuilder.reservedBytes(fx.learning(withPrivateTask()));
        assertThat(keyed - clear).isEqualTo(io.learnchain.chain.tx.TransactionCodec.MAX_ROUND_KEYS_BYTES);
    }

    @Test
    void revealWithoutTheRoundKeysIsRefused() {
        ChainTip parent = withPrivateTask();
        assertThat(verdict(parent, minedBlock(parent, List.of())))
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class, i -> assertThat(i.reason()).isEqualTo(InvalidReason.BAD_ROUND_KEYS));
    }

    @Test
    void keysOfAnotherRoundAreRefused() {
        ChainTip parent = withPrivateTask();
        List<FunctionalKey> stale = keys(TaskRules.roundKey(Hash.sha256(new byte[] {1}), 1));
        assertThat(verdict(parent, minedBlock(parent, stale))).isInstanceOfSatisfying(Verdict.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(InvalidReason.BAD_ROUND_KEYS);
            assertThat(i.detail()).contains("master public key");
        });
    }

    @Test
    void aTaskInTheClearTakesNoRoundKeys() {
        ChainTip parent = fx.withTask();
        PoleFixture.Honest honest = fx.honest(parent, PoleFixture.MINER, 1, 8, 1);
        RevealShard plain =
                (RevealShard) ((SignedTransaction) honest.block().transactions().getLast())
                        .body()
                        .payload();
        SignedTransaction keyed = fx.tx(
                PoleFixture.REQUESTER,
                1,
                Amount.ZERO,
                new RevealShard(
                        plain.taskId(),
                        plain.previous(),
                        plain.shardIndex(),
                        plain.shardHash(),
                        List.of(),
                        keys(Hash.ZERO)));
        Block block = fx.complete(honest.committed(), keyed, fx.score(parent, honest.model()), PoleFixture.MINER);
        assertThat(verdict(parent, block))
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class, i -> assertThat(i.reason()).isEqualTo(InvalidReason.BAD_ROUND_KEYS));
    }

    @Test
    void decryptedTrainingSetIsTheProjectionOfTheClearDataAndIsDerivedOncePerRound() {
        ChainTip parent = withPrivateTask();
        Round.Learning r = fx.learning(parent);
        AtomicInteger derivations = new AtomicInteger();
        var cache = new java.util.HashMap<Hash, Dataset>();
        BlobView base = BlobView.of(fx.blobs());
        BlobView caching = new BlobView() {
            @Override
            public Optional<byte[]> get(Hash hash) {
                return base.get(hash);
            }

            @Override
            public Dataset derived(Hash key, java.util.function.Supplier<Dataset> derive) {
                return cache.computeIfAbsent(key, k -> {
                    derivations.incrementAndGet();
                    return derive.get();
                });
            }
        };
        var first = PrivateRoundData.trainingSet(caching, r, keys(r.roundKey()), MODEL, ComputePool.serial());
        var second = PrivateRoundData.trainingSet(caching, r, keys(r.roundKey()), MODEL, ComputePool.serial());
        Dataset clear = PROJECTION.project(CLEAR_TRAIN, PROJECTION.weights(r.roundKey()));
        assertThat(first).isInstanceOfSatisfying(PoleBlobs.Loaded.class, l -> {
            Dataset d = (Dataset) l.value();
            assertThat(d.features()).containsExactly(clear.features());
            assertThat(d.labels()).containsExactly(clear.labels());
        });
        assertThat(second).isInstanceOf(PoleBlobs.Loaded.class);
        assertThat(derivations).hasValue(1);
    }

    @Test
    void missingEncryptedBlobLeavesTheBlockUndecided() {
        ChainTip parent = withPrivateTask();
        Round.Learning r = fx.learning(parent);
        BlobView without = hash -> hash.equals(r.task().terms().trainingSet())
                ? Optional.empty()
                : BlobView.of(fx.blobs()).get(hash);
        assertThat(PrivateRoundData.trainingSet(without, r, keys(r.roundKey()), MODEL, ComputePool.serial()))
                .isInstanceOfSatisfying(
                        PoleBlobs.Failed.class, f -> assertThat(f.verdict()).isInstanceOf(Verdict.Undecided.class));
    }
}
