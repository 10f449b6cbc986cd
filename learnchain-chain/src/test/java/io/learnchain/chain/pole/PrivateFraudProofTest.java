package io.learnchain.chain.pole;

import static io.learnchain.chain.pole.PrivateRounds.MODEL;
import static io.learnchain.chain.pole.PrivateRounds.PROJECTION;
import static io.learnchain.chain.pole.PrivateRounds.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.privacy.FunctionalKey;
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
import io.learnchain.chain.work.WorkFraudCheck;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import java.util.List;
import java.util.Optional;
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
    private final PrivateRounds rounds = new PrivateRounds();
    private final PoleFixture fx = rounds.fx;

    /** A won forgery on the private round of block 1 and the proof its audit built (the opening stored). */
    private record Forged(ChainTip parent, Block block, ChainTip tip, WorkFraud proof) {}

    private Forged forged() {
        ChainTip t1 = rounds.withPrivateTask();
        Block forged = rounds.uncaughtOneJump(t1);
        ChainTip t2 = fx.connect(t1, forged);
        return new Forged(t1, forged, t2, audit(t1, forged).payload());
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
        Forged f = forged();
        ChainTip t2 = f.tip();
        TaskState task = t2.state().tasks().get(1).orElseThrow();
        HeldReward held = task.held().getFirst();
        WorkFraud proof = f.proof();
        assertThat(proof.segment()).isEqualTo(PrivateRounds.JUMP); // every earlier segment is honest
        assertThat(proof.roundKeys())
                .isEqualTo(PoleVerifier.revealOf(f.block()).roundKeys())
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
        Forged f = forged();
        ChainTip t2 = f.tip();
        WorkFraud keyed = f.proof();
        WorkFraud bare = keyed.withRoundKeys(List.of());
        assertThat(bare.tag()).isEqualTo(WorkFraud.TAG);
        assertRejected(
                t2, bare, InvalidReason.BAD_ROUND_KEYS, "carries 0 round keys; the private task's layer has k = 4");
        WorkFraud short1 = keyed.withRoundKeys(keyed.roundKeys().subList(0, PROJECTION.width() - 1));
        assertRejected(t2, short1, InvalidReason.BAD_ROUND_KEYS, "carries 3 round keys");
    }

    @Test
    void keysThatDoNotOpenTheRoundsRowsAreRefused() {
        Forged f = forged();
        ChainTip t2 = f.tip();
        WorkFraud keyed = f.proof();
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
        Forged f = forged();
        ChainTip t2 = f.tip();
        WorkFraud proof = f.proof();
        var caching = new PrivateRounds.CachingBlobs(fx.blobs());
        Round.Learning r = fx.learning(f.parent());
        Dataset verified = ((PoleBlobs.Loaded<Dataset>) PrivateRoundData.trainingSet(
                        caching, r, PoleVerifier.revealOf(f.block()).roundKeys(), MODEL, POOL))
                .value();
        assertThat(check(t2, proof, caching)).isInstanceOf(WorkFraudCheck.Outcome.Proven.class);
        assertThat(caching.derivations).hasValue(1);
        assertThat(caching.cache)
                .containsOnlyKeys(io.learnchain.chain.privacy.RoundFeatures.cacheKey(
                        r.task().terms().trainingSet(), r.roundKey()));
        assertThat(caching.cache.values()).containsExactly(verified);
    }

    @Test
    void aMissingEncryptedBlobLeavesTheProofUnproven() {
        Forged f = forged();
        ChainTip t2 = f.tip();
        WorkFraud proof = f.proof();
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
        Forged f = forged();
        SignedTransaction tx = send(f.tip(), f.proof());
        assertThat(TransactionCodec.maxBytes(tx))
                .isEqualTo(TransactionCodec.MAX_BYTES + TransactionCodec.MAX_ROUND_KEYS_BYTES);
        assertThat(TransactionCodec.INSTANCE.decode(TransactionCodec.INSTANCE.encode(tx)))
                .isEqualTo(tx);
    }
}
