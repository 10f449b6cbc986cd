package io.learnchain.chain.codec;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.tx.WitnessedCommitment;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Fixed private-task payloads for the committed encodings (issue 20, PROTOCOL.md 3.8 and 3.9). */
final class PrivateTaskPayloads {
    private PrivateTaskPayloads() {}

    static SignedTransaction postPrivateTask() {
        List<Hash> shards = IntStream.range(0, 2)
                .mapToObj(i -> Hash.sha256(new byte[] {(byte) i}))
                .toList();
        return signed(
                new PostTask(
                        "input 16 | dense 32 | relu | dense 10",
                        Hash.sha256(new byte[] {9}),
                        5000,
                        2,
                        Amount.ofCoins(2),
                        60,
                        10,
                        120,
                        shards,
                        Optional.of(ProjectionSpec.defaultsFor(28, 28))),
                3);
    }

    static SignedTransaction keyedReveal() {
        List<FunctionalKey> keys = roundKeys();
        return signed(
                new RevealShard(
                        1,
                        Hash.sha256(new byte[] {5}),
                        1,
                        Hash.sha256(new byte[] {1}),
                        List.of(new WitnessedCommitment(Hash.sha256(new byte[] {6}), Hash.sha256(new byte[] {7}))),
                        keys),
                4);
    }

    static SignedTransaction keyedFraud() {
        return fraud(roundKeys());
    }

    /** The same proof without keys, under tag 5 (a round in the clear). */
    static SignedTransaction plainFraud() {
        return fraud(List.of());
    }

    private static SignedTransaction fraud(List<FunctionalKey> keys) {
        TrainingRecord record = new TrainingRecord(new TrainingStart.FromSeed(5), Optimizer.Adam.of(0.02f), 32, 64, 9);
        List<Hash> checkpoints = IntStream.rangeClosed(0, 64)
                .mapToObj(i -> Hash.sha256(new byte[] {(byte) i, 8}))
                .toList();
        return signed(new WorkFraud(1, Height.of(12), record, checkpoints, 40, Hash.sha256(new byte[] {40}), keys), 5);
    }

    private static List<FunctionalKey> roundKeys() {
        return IntStream.range(0, 16)
                .mapToObj(i -> new FunctionalKey(BigInteger.valueOf(1_000_003L * (i + 1))))
                .toList();
    }

    private static SignedTransaction signed(Payload payload, long nonce) {
        return SignedTransaction.sign(
                new TxBody(ChainFixture.RULES.chainId(), ChainFixture.KEYS[0].publicKey(), nonce, Amount.ZERO, payload),
                ChainFixture.KEYS[0]);
    }
}
