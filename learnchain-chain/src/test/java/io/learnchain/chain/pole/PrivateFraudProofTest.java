package io.learnchain.chain.pole;

import static io.learnchain.chain.pole.PrivateTaskVerificationTest.MODEL;
import static io.learnchain.chain.pole.PrivateTaskVerificationTest.PROJECTION;
import static io.learnchain.chain.pole.PrivateTaskVerificationTest.SHARDS;
import static io.learnchain.chain.pole.PrivateTaskVerificationTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.privacy.BoundedDiscreteLog;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.HeldReward;
import io.learnchain.chain.state.TaskState;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.chain.work.HeldRewards;
import io.learnchain.chain.work.PrivateTrainingSet;
import io.learnchain.chain.work.WorkFraudCheck;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.Evaluator;
import io.learnchain.learn.train.Initializer;
import io.learnchain.learn.train.Trainer;
import io.learnchain.learn.train.TrainingJob;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md 3.8 against a private task's round (3.9): the replay needs the round's decrypted
 * training set, so a {@link WorkFraud} against it carries the round's k functional keys (tag 8).
 * With the keys of the reveal, the first false segment of an uncaught one-jump forgery refutes the
 * held payout; keys that do not open the round's rows, too few keys, or keys against a task in the
 * clear are refused with BAD_ROUND_KEYS; honest work is not fraud.
 */
class PrivateFraudProofTest {
    private static final ComputePool POOL = ComputePool.serial();
    private static final int AUDITOR = 0;
    private static final long STEPS = 24;
    private static final int JUMP = 12;
    /** The private rounds' blocks, reveals and blobs (its helpers are package-private for this reuse). */
    private final PrivateTaskVerificationTest rounds = new PrivateTaskVerificationTest();

    private final PoleFixture fx = rounds.fx;

    /** The round's training set as the miner decrypts it, relabelled by the round's layer. */
    private Dataset features(ChainTip parent) {
        Round.Learning r = fx.learning(parent);
        Dataset decrypted = RoundFeatures.decrypt(
                EncryptedDataset.decode(PrivateTaskVerificationTest.ENCRYPTED),
                PROJECTION,
                r.roundKey(),
                keys(r.roundKey()),
                BoundedDiscreteLog.forBound(PROJECTION.bound()),
                "decrypted");
        return r.sml().relabel(decrypted);
    }

    private long score(ChainTip parent, Model model) {
        Round.Learning r = fx.learning(parent);
        Dataset shard = PROJECTION.project(SHARDS.get(r.shardIndex()), PROJECTION.weights(r.roundKey()));
        return new Evaluator(POOL).correctCount(model, r.sml().relabel(shard));
    }

    /** A one-jump block on the private round of {@code parent} that the challenge missed, with the reveal's keys. */
    private Block uncaughtOneJump(ChainTip parent) {
        Dataset train = features(parent);
        List<FunctionalKey> revealed = keys(fx.learning(parent).roundKey());
        TrainingRecord pre = PoleFixture.record(parent, PoleFixture.OTHER_MINER, 77, 60, new TrainingStart.FromSeed(0));
        Model substitute = new Trainer(POOL).train(TrainingJob.of(MODEL, pre, train));
        for (long nonce = 1; nonce < 100; nonce++) {
            TrainingRecord rec =
                    PoleFixture.record(parent, PoleFixture.MINER, nonce, STEPS, new TrainingStart.FromSeed(0));
            Model start = Initializer.initialize(
                    MODEL,
                    TaskRules.initSeed(
                            parent.hash(), PoleFixture.key(PoleFixture.MINER).publicKey(), nonce));
            Model m = fx.register(WorkForgery.oneJump(POOL, MODEL, rec, train, start, JUMP, substitute));
            var committed = fx.commit(parent, PoleFixture.MINER, m.hash(), rec, nonce, List.of());
            Block b = fx.complete(committed, rounds.reveal(parent, revealed), score(parent, m), PoleFixture.MINER);
            if (BlockProcessor.apply(parent, b, fx.rules, fx.context()) instanceof Verdict.Valid) {
                return b;
            }
        }
        throw new AssertionError("every challenge caught the jump: 100 nonces, 3/24 each");
    }

    /** The requester's audit: replays the block (keys from its reveal) and builds the proof. */
    private FraudReport audit(ChainTip parent, Block b) {
        ReplayVerifier.Outcome outcome =
                ReplayVerifier.replay(parent, fx.rules, b, BlobView.of(fx.blobs()), POOL, 10_000);
        FraudReport report = FraudReport.of(b, outcome).orElseThrow(() -> new AssertionError(outcome.toString()));
        fx.put(report.opening());
        return report;
    }

    private SignedTransaction send(ChainTip tip, WorkFraud payload) {
        long nonce = tip.state().account(PoleFixture.address(AUDITOR)).nonce();
        return fx.tx(AUDITOR, nonce, Amount.ZERO, payload);
    }

    private WorkFraudCheck.Outcome check(ChainTip tip, WorkFraud payload, BlobView blobs) {
        return WorkFraudCheck.check(tip.state().tasks().get(1).orElseThrow(), payload, blobs, POOL);
    }

    private void assertRejected(ChainTip tip, WorkFraud payload, InvalidReason reason, String detail) {
        Block b = fx.forfeitOrIdle(tip, List.of(send(tip, payload)));
        assertThat(BlockProcessor.apply(tip, b, fx.rules, fx.context()))
                .isInstanceOfSatisfying(Verdict.Invalid.class, i -> {
                    assertThat(i.reason()).as(i.detail()).isEqualTo(reason);
                    assertThat(i.detail()).contains(detail);
                });
    }

    @Test
    void theFirstFalseSegmentOfAForgedPrivateRoundRefutesItsHeldPayoutWithTheRoundsKeys() {
        ChainTip t1 = rounds.withPrivateTask();
        Block forged = uncaughtOneJump(t1);
        ChainTip t2 = fx.connect(t1, forged);
        TaskState task = t2.state().tasks().get(1).orElseThrow();
        HeldReward held = task.held().getFirst();

        FraudReport report = audit(t1, forged);
        WorkFraud proof = report.payload();
        assertThat(proof.segment()).isEqualTo(JUMP); // every earlier segment is honest
        assertThat(proof.roundKeys())
                .isEqualTo(PoleVerifier.revealOf(forged).roundKeys())
                .hasSize(PROJECTION.width());
        assertThat(proof.tag()).isEqualTo(WorkFraud.KEYED_TAG);
        assertThat(check(t2, proof, BlobView.of(fx.blobs()))).isInstanceOf(WorkFraudCheck.Outcome.Proven.class);

        ChainTip t3 = fx.connect(t2, fx.forfeit(t2, List.of(send(t2, proof))));
        TaskState after = t3.state().tasks().get(1).orElseThrow();
        assertThat(after.held()).isEmpty();
        assertThat(after.refuted()).containsExactly(held.modelHash());
        assertThat(t3.state().balance(task.requester()))
                .isEqualTo(t2.state().balance(task.requester()).add(held.reward()));
        assertThat(t3.state().balance(PoleFixture.address(AUDITOR)))
                .isEqualTo(t2.state().balance(PoleFixture.address(AUDITOR)).add(HeldRewards.bounty(held)));
    }

    @Test
    void aProofWithoutTheKeysOrWithTooFewIsRefused() {
        ChainTip t1 = rounds.withPrivateTask();
        Block forged = uncaughtOneJump(t1);
        ChainTip t2 = fx.connect(t1, forged);
        WorkFraud keyed = audit(t1, forged).payload();
        WorkFraud bare = keyed.withRoundKeys(List.of());
        assertThat(bare.tag()).isEqualTo(WorkFraud.TAG);
        assertRejected(
                t2, bare, InvalidReason.BAD_ROUND_KEYS, "carries 0 round keys; the private task's layer has k = 4");
        WorkFraud short1 = keyed.withRoundKeys(keyed.roundKeys().subList(0, PROJECTION.width() - 1));
        assertRejected(t2, short1, InvalidReason.BAD_ROUND_KEYS, "carries 3 round keys");
    }

    @Test
    void keysThatDoNotOpenTheRoundsRowsAreRefused() {
        ChainTip t1 = rounds.withPrivateTask();
        Block forged = uncaughtOneJump(t1);
        ChainTip t2 = fx.connect(t1, forged);
        WorkFraud keyed = audit(t1, forged).payload();
        // another round's keys: the right count, each a valid scalar, but not the keys of this round's rows
        List<FunctionalKey> stale = keys(TaskRules.roundKey(Hash.sha256(new byte[] {1}), 1));
        assertRejected(t2, keyed.withRoundKeys(stale), InvalidReason.BAD_ROUND_KEYS, "master public key");
        // the round's keys in another order: key j must open row j
        List<FunctionalKey> swapped = new java.util.ArrayList<>(keyed.roundKeys());
        java.util.Collections.swap(swapped, 0, 1);
        assertRejected(t2, keyed.withRoundKeys(swapped), InvalidReason.BAD_ROUND_KEYS, "master public key");
    }

    @Test
    void keysAgainstATaskInTheClearAreRefused() {
        ChainTip t1 = fx.withTask();
        PoleFixture.Honest h = fx.honest(t1, PoleFixture.MINER, 7, 64, 1);
        ChainTip t2 = fx.connect(t1, h.block());
        PoleProof p = PoleFixture.proof(h.block());
        byte[] opening =
                fx.workOf(h.model().hash(), p.record()).checkpoints().get(3).bytes();
        WorkFraud keyed =
                new WorkFraud(1, t2.height(), p.record(), p.work().checkpoints(), 3, fx.put(opening), keys(Hash.ZERO));
        assertRejected(t2, keyed, InvalidReason.BAD_ROUND_KEYS, "in the clear");
    }

    @Test
    void anHonestPrivateWinnersSegmentsAreNotFraud() {
        ChainTip t1 = rounds.withPrivateTask();
        Block honest = rounds.minedBlock(t1, keys(fx.learning(t1).roundKey()));
        ChainTip t2 = fx.connect(t1, honest);
        PoleProof p = PoleFixture.proof(honest);
        var checkpoints = fx.workOf(p.modelHash(), p.record()).checkpoints();
        List<FunctionalKey> revealed = PoleVerifier.revealOf(honest).roundKeys();
        for (int segment : new int[] {0, 11, 23}) {
            WorkFraud claim = new WorkFraud(
                    1,
                    t2.height(),
                    p.record(),
                    p.work().checkpoints(),
                    segment,
                    fx.put(checkpoints.get(segment).bytes()),
                    revealed);
            assertRejected(t2, claim, InvalidReason.FRAUD_NOT_PROVEN, "replays to its committed checkpoint");
        }
    }

    @Test
    void theProofDecryptsTheRoundThroughTheCacheTheBlockCheckFilled() {
        ChainTip t1 = rounds.withPrivateTask();
        Block forged = uncaughtOneJump(t1);
        ChainTip t2 = fx.connect(t1, forged);
        WorkFraud proof = audit(t1, forged).payload();
        AtomicInteger derivations = new AtomicInteger();
        Map<Hash, Dataset> cache = new HashMap<>();
        BlobView base = BlobView.of(fx.blobs());
        BlobView caching = new BlobView() {
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
        };
        Round.Learning r = fx.learning(t1);
        Dataset verified = ((PoleBlobs.Loaded<Dataset>) PrivateRoundData.trainingSet(
                        caching, r, PoleVerifier.revealOf(forged).roundKeys(), MODEL, POOL))
                .value();
        assertThat(check(t2, proof, caching)).isInstanceOf(WorkFraudCheck.Outcome.Proven.class);
        assertThat(derivations).hasValue(1);
        assertThat(cache)
                .containsOnlyKeys(
                        PrivateTrainingSet.featuresKey(r.task().terms().trainingSet(), r.roundKey()));
        assertThat(cache.values()).containsExactly(verified);
    }

    @Test
    void aMissingEncryptedBlobLeavesTheProofUnproven() {
        ChainTip t1 = rounds.withPrivateTask();
        Block forged = uncaughtOneJump(t1);
        ChainTip t2 = fx.connect(t1, forged);
        WorkFraud proof = audit(t1, forged).payload();
        Hash train = t2.state().tasks().get(1).orElseThrow().terms().trainingSet();
        BlobView without = hash ->
                hash.equals(train) ? Optional.empty() : BlobView.of(fx.blobs()).get(hash);
        assertThat(check(t2, proof, without)).isInstanceOfSatisfying(WorkFraudCheck.Outcome.NotProven.class, n -> {
            assertThat(n.why().reason()).isEqualTo(InvalidReason.FRAUD_NOT_PROVEN);
            assertThat(n.why().detail()).contains("not here");
        });
    }

    @Test
    void aKeyedProofIsAllowedTheRoomOfItsKeys() {
        ChainTip t1 = rounds.withPrivateTask();
        Block forged = uncaughtOneJump(t1);
        WorkFraud proof = audit(t1, forged).payload();
        SignedTransaction tx = send(fx.connect(t1, forged), proof);
        assertThat(TransactionCodec.maxBytes(tx))
                .isEqualTo(TransactionCodec.MAX_BYTES + TransactionCodec.MAX_ROUND_KEYS_BYTES);
        assertThat(TransactionCodec.INSTANCE.decode(TransactionCodec.INSTANCE.encode(tx)))
                .isEqualTo(tx);
    }
}
