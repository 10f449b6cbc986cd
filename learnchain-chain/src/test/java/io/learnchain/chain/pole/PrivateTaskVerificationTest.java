package io.learnchain.chain.pole;

import static io.learnchain.chain.pole.PrivateRounds.CLEAR_TRAIN;
import static io.learnchain.chain.pole.PrivateRounds.MODEL;
import static io.learnchain.chain.pole.PrivateRounds.PROJECTION;
import static io.learnchain.chain.pole.PrivateRounds.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.InvalidReason;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A private task's round on the chain (PROTOCOL.md 3.9): the training set is an encrypted blob, the
 * miner trains on its decryption with the round's keys, and the block's reveal carries those keys
 * ({@link PrivateRounds}). Fraud proofs against such a round: {@link PrivateFraudProofTest}.
 */
class PrivateTaskVerificationTest {
    final PrivateRounds rounds = new PrivateRounds();
    final PoleFixture fx = rounds.fx;

    Verdict verdict(ChainTip parent, Block block) {
        return BlockProcessor.apply(parent, block, fx.rules, fx.context());
    }

    @Test
    void minerTrainedOnTheDecryptedFeaturesWinsTheRound() {
        ChainTip parent = rounds.withPrivateTask();
        Block block = rounds.minedBlock(parent, keys(fx.learning(parent).roundKey()));
        ChainTip tip = fx.connect(parent, block);
        assertThat(tip.state().tasks().get(1).orElseThrow().winners()).hasSize(1);
    }

    @Test
    void replayReproducesAPrivateRoundFromTheRevealsKeys() {
        ChainTip parent = rounds.withPrivateTask();
        Block block = rounds.minedBlock(parent, keys(fx.learning(parent).roundKey()));
        fx.connect(parent, block);
        var outcome =
                ReplayVerifier.replay(parent, fx.rules, block, BlobView.of(fx.blobs()), ComputePool.serial(), 10_000);
        assertThat(outcome).isInstanceOf(ReplayVerifier.Outcome.Reproduced.class);
    }

    @Test
    void privateRoundWithoutItsKeysForfeitsAsASilentRequestersDoes() {
        ChainTip parent = rounds.withPrivateTask();
        ChainTip after = fx.connect(parent, fx.forfeit(parent, List.of()));
        var task = after.state().tasks().get(1).orElseThrow();
        assertThat(task.forfeits()).isEqualTo(1);
        assertThat(task.winners()).isEmpty();
    }

    @Test
    void aPrivateRoundsBlockKeepsRoomForTheRevealsKeys() {
        long clear = CandidateBlockBuilder.reservedBytes(fx.learning(fx.withTask()));
        long keyed = CandidateBlockBuilder.reservedBytes(fx.learning(rounds.withPrivateTask()));
        assertThat(keyed - clear).isEqualTo(io.learnchain.chain.tx.TransactionCodec.MAX_ROUND_KEYS_BYTES);
    }

    @Test
    void revealWithoutTheRoundKeysIsRefused() {
        ChainTip parent = rounds.withPrivateTask();
        assertThat(verdict(parent, rounds.minedBlock(parent, List.of())))
                .isInstanceOfSatisfying(
                        Verdict.Invalid.class, i -> assertThat(i.reason()).isEqualTo(InvalidReason.BAD_ROUND_KEYS));
    }

    @Test
    void keysOfAnotherRoundAreRefused() {
        ChainTip parent = rounds.withPrivateTask();
        List<FunctionalKey> stale = keys(TaskRules.roundKey(Hash.sha256(new byte[] {1}), 1));
        assertThat(verdict(parent, rounds.minedBlock(parent, stale)))
                .isInstanceOfSatisfying(Verdict.Invalid.class, i -> {
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
        ChainTip parent = rounds.withPrivateTask();
        Round.Learning r = fx.learning(parent);
        var caching = new PrivateRounds.CachingBlobs(fx.blobs());
        var first = PrivateRoundData.trainingSet(caching, r, keys(r.roundKey()), MODEL, ComputePool.serial());
        var second = PrivateRoundData.trainingSet(caching, r, keys(r.roundKey()), MODEL, ComputePool.serial());
        Dataset clear = PROJECTION.project(CLEAR_TRAIN, PROJECTION.weights(r.roundKey()));
        assertThat(first).isInstanceOfSatisfying(PoleBlobs.Loaded.class, l -> {
            Dataset d = (Dataset) l.value();
            assertThat(d.features()).containsExactly(clear.features());
            assertThat(d.labels()).containsExactly(clear.labels());
        });
        assertThat(second).isInstanceOf(PoleBlobs.Loaded.class);
        assertThat(caching.derivations).hasValue(1);
    }

    @Test
    void missingEncryptedBlobLeavesTheBlockUndecided() {
        ChainTip parent = rounds.withPrivateTask();
        Round.Learning r = fx.learning(parent);
        BlobView without = hash -> hash.equals(r.task().terms().trainingSet())
                ? Optional.empty()
                : BlobView.of(fx.blobs()).get(hash);
        assertThat(PrivateRoundData.trainingSet(without, r, keys(r.roundKey()), MODEL, ComputePool.serial()))
                .isInstanceOfSatisfying(
                        PoleBlobs.Failed.class, f -> assertThat(f.verdict()).isInstanceOf(Verdict.Undecided.class));
    }
}
