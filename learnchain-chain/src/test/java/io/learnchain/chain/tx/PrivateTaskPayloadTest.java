package io.learnchain.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.codec.Mutations;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.learn.train.Optimizer;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.TrainingStart;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optional parts of issue 20 (PROTOCOL.md 3.9): a PostTask's privacy part, a RevealShard's
 * round keys and a WorkFraud's round keys. Each is encoded under a tag of its own, so a payload without it keeps its old bytes
 * (pinned by the pole vectors and vectors/encodings.txt).
 */
class PrivateTaskPayloadTest {
    static final ProjectionSpec SPEC = ProjectionSpec.defaultsFor(28, 28);
    static final String MODEL = "input 16 | dense 32 | relu | dense 10";
    static final List<Hash> SHARDS = IntStream.range(0, 4)
            .mapToObj(i -> Hash.sha256(new byte[] {(byte) i}))
            .toList();

    static PostTask privateTask(int rounds) {
        return new PostTask(
                MODEL,
                Hash.sha256(new byte[] {9}),
                5000,
                rounds,
                Amount.ofCoins(2),
                60,
                10,
                120,
                SHARDS,
                Optional.of(SPEC));
    }

    static List<FunctionalKey> keys(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new FunctionalKey(BigInteger.valueOf(1_000_003L * (i + 1))))
                .toList();
    }

    static RevealShard keyedReveal() {
        return new RevealShard(
                3,
                Hash.sha256(new byte[] {5}),
                2,
                SHARDS.get(2),
                List.of(new WitnessedCommitment(Hash.sha256(new byte[] {6}), Hash.sha256(new byte[] {7}))),
                keys(16));
    }

    static WorkFraud keyedFraud(int keys) {
        TrainingRecord record = new TrainingRecord(new TrainingStart.FromSeed(5), Optimizer.Adam.of(0.02f), 32, 64, 9);
        List<Hash> checkpoints = IntStream.rangeClosed(0, 64)
                .mapToObj(i -> Hash.sha256(new byte[] {(byte) i}))
                .toList();
        return new WorkFraud(3, Height.of(12), record, checkpoints, 40, Hash.sha256(new byte[] {40}), keys(keys));
    }

    /**
     * A keyed encoding with one key, the key dropped and a zero count left: the u32 count and the
     * 32-byte key sit just before the 64-byte signature.
     */
    static byte[] withoutItsOnlyKey(byte[] bytes) {
        int count = bytes.length - 64 - 32 - 4;
        byte[] empty = new byte[bytes.length - 32];
        System.arraycopy(bytes, 0, empty, 0, count);
        System.arraycopy(bytes, bytes.length - 64, empty, count + 4, 64);
        return empty;
    }

    static SignedTransaction signed(Payload payload) {
        return SignedTransaction.sign(
                new TxBody(ChainFixture.RULES.chainId(), ChainFixture.KEYS[0].publicKey(), 1, Amount.ZERO, payload),
                ChainFixture.KEYS[0]);
    }

    @Test
    void privateTaskRoundTripsUnderItsOwnTag() {
        PostTask task = privateTask(3);
        assertThat(task.isPrivate()).isTrue();
        assertThat(task.tag()).isEqualTo(PostTask.PRIVATE_TAG);
        SignedTransaction tx = signed(task);
        byte[] bytes = TransactionCodec.INSTANCE.encode(tx);
        assertThat(TransactionCodec.INSTANCE.decode(bytes)).isEqualTo(tx);
        assertThat(((SignedTransaction) TransactionCodec.INSTANCE.decode(bytes)).hasValidSignature())
                .isTrue();
    }

    @Test
    void taskInTheClearKeepsItsTagAndBytes() {
        PostTask privateOne = privateTask(3);
        PostTask clear = new PostTask(
                privateOne.modelSpec(),
                privateOne.trainingSet(),
                privateOne.minTrainingAccuracyBp(),
                privateOne.rounds(),
                privateOne.rewardPerRound(),
                privateOne.expectedSeconds(),
                privateOne.minPhaseSeconds(),
                privateOne.maxPhaseSeconds(),
                privateOne.shardHashes());
        assertThat(clear.isPrivate()).isFalse();
        assertThat(clear.tag()).isEqualTo(PostTask.TAG);
        byte[] plain = TransactionCodec.INSTANCE.encode(signed(clear));
        byte[] withPart = TransactionCodec.INSTANCE.encode(signed(privateOne));
        // the private part is the clear fields plus 6 x 4 bytes, under the other tag
        assertThat(withPart.length - plain.length).isEqualTo(24);
    }

    @Test
    void privateTaskNeedsTheModelToReadTheKProjections() {
        assertThatThrownBy(() -> new PostTask(
                        "input 784 | dense 10", Hash.ZERO, 0, 1, Amount.ofCoins(1), 1, 0, 1, SHARDS, Optional.of(SPEC)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k = 16")
                .hasMessageContaining("784");
    }

    @Test
    void privateTaskRunsFewerRoundsThanNOverK() {
        ProjectionSpec wide = new ProjectionSpec(new InputQuantizer(8, 8, 2, 15), 4, 1); // n = 16, k = 4: 3 rounds
        PostTask three = new PostTask(
                "input 4 | dense 2", Hash.ZERO, 0, 3, Amount.ofCoins(1), 1, 0, 1, SHARDS, Optional.of(wide));
        assertThat(three.rounds()).isEqualTo(wide.maxRounds()).isEqualTo(3);
        assertThatThrownBy(() -> new PostTask(
                        "input 4 | dense 2", Hash.ZERO, 0, 4, Amount.ofCoins(1), 1, 0, 1, SHARDS, Optional.of(wide)))
                .hasMessageContaining("at most 3 rounds");
    }

    @Test
    void decodingAPrivatePartThatBreaksTheRulesThrowsOnlyCodecException() {
        byte[] bytes = TransactionCodec.INSTANCE.encode(signed(privateTask(3)));
        // the k field (fifth of the six trailing u32s before the 64-byte signature) set to 17
        int k = bytes.length - 64 - 8;
        byte[] wrongK = bytes.clone();
        wrongK[k] = 17; // little-endian
        wrongK[k + 1] = 0;
        wrongK[k + 2] = 0;
        wrongK[k + 3] = 0;
        assertThatThrownBy(() -> TransactionCodec.INSTANCE.decode(wrongK)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> TransactionCodec.INSTANCE.decode(Arrays.copyOf(bytes, bytes.length - 70)))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void revealWithRoundKeysRoundTripsUnderItsOwnTag() {
        RevealShard reveal = keyedReveal();
        assertThat(reveal.tag()).isEqualTo(RevealShard.KEYED_TAG);
        SignedTransaction tx = signed(reveal);
        byte[] bytes = TransactionCodec.INSTANCE.encode(tx);
        assertThat(TransactionCodec.INSTANCE.decode(bytes)).isEqualTo(tx);
        RevealShard clear = new RevealShard(
                reveal.taskId(), reveal.previous(), reveal.shardIndex(), reveal.shardHash(), reveal.witnessed());
        assertThat(clear.tag()).isEqualTo(RevealShard.TAG);
        byte[] plain = TransactionCodec.INSTANCE.encode(signed(clear));
        assertThat(bytes.length - plain.length).isEqualTo(4 + 16 * 32);
    }

    @Test
    void keyedTagWithoutKeysOrWithAKeyAboveTheOrderIsRefused() {
        RevealShard one = new RevealShard(3, Hash.ZERO, 0, SHARDS.get(0), List.of(), keys(1));
        byte[] bytes = TransactionCodec.INSTANCE.encode(signed(one));
        assertThatThrownBy(() -> TransactionCodec.INSTANCE.decode(withoutItsOnlyKey(bytes)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("at least one round key");
        int count = bytes.length - 64 - 32 - 4;
        byte[] overOrder = bytes.clone();
        Arrays.fill(overOrder, count + 4, count + 36, (byte) 0xff);
        assertThatThrownBy(() -> TransactionCodec.INSTANCE.decode(overOrder)).isInstanceOf(CodecException.class);
    }

    @Test
    void revealCarriesAtMostOneKeyPerRowOfTheWidestLayer() {
        assertThatThrownBy(() -> new RevealShard(3, Hash.ZERO, 0, SHARDS.get(0), List.of(), keys(257)))
                .hasMessageContaining("at most 256 round keys");
        SignedTransaction widest =
                signed(new RevealShard(3, Hash.ZERO, 0, SHARDS.get(0), List.of(), keys(RevealShard.MAX_KEYS)));
        assertThat(TransactionCodec.INSTANCE.decode(TransactionCodec.INSTANCE.encode(widest)))
                .isEqualTo(widest);
    }

    @Test
    void fraudProofWithRoundKeysRoundTripsUnderItsOwnTagAndWithoutKeysKeepsItsBytes() {
        WorkFraud keyed = keyedFraud(16);
        assertThat(keyed.tag()).isEqualTo(WorkFraud.KEYED_TAG);
        SignedTransaction tx = signed(keyed);
        byte[] bytes = TransactionCodec.INSTANCE.encode(tx);
        assertThat(TransactionCodec.INSTANCE.decode(bytes)).isEqualTo(tx);
        WorkFraud plain = keyed.withRoundKeys(List.of());
        assertThat(plain)
                .isEqualTo(new WorkFraud(
                        keyed.taskId(),
                        keyed.height(),
                        keyed.record(),
                        keyed.checkpoints(),
                        keyed.segment(),
                        keyed.opening()));
        assertThat(plain.tag()).isEqualTo(WorkFraud.TAG);
        byte[] plainBytes = TransactionCodec.INSTANCE.encode(signed(plain));
        // the keyed proof is the plain one plus list(key) after the opening, under the other tag
        assertThat(bytes.length - plainBytes.length).isEqualTo(4 + 16 * 32);
        int tagAt = 2 + 32 + 32 + 8 + 8; // version, kind, chain id, sender, nonce, fee
        assertThat(plainBytes[tagAt]).isEqualTo((byte) WorkFraud.TAG);
        assertThat(bytes[tagAt]).isEqualTo((byte) WorkFraud.KEYED_TAG);
        int body = plainBytes.length - 64;
        assertThat(Arrays.copyOfRange(bytes, tagAt + 1, body))
                .isEqualTo(Arrays.copyOfRange(plainBytes, tagAt + 1, body));
    }

    @Test
    void keyedFraudTagWithoutKeysIsRefusedAndTheWidestLayersKeysFit() {
        byte[] bytes = TransactionCodec.INSTANCE.encode(signed(keyedFraud(1)));
        assertThatThrownBy(() -> TransactionCodec.INSTANCE.decode(withoutItsOnlyKey(bytes)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("at least one round key");
        assertThatThrownBy(() -> keyedFraud(WorkFraud.MAX_KEYS + 1)).hasMessageContaining("at most 256 round keys");
        SignedTransaction widest = signed(keyedFraud(WorkFraud.MAX_KEYS));
        byte[] encoded = TransactionCodec.INSTANCE.encode(widest);
        assertThat(encoded.length).isGreaterThan(TransactionCodec.MAX_BYTES);
        assertThat(TransactionCodec.INSTANCE.decode(encoded)).isEqualTo(widest);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 0x1F2E})
    void mutatedPrivatePayloadsThrowOnlyCodecException(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        for (byte[] good : List.of(
                TransactionCodec.INSTANCE.encode(signed(privateTask(3))),
                TransactionCodec.INSTANCE.encode(signed(keyedReveal())),
                TransactionCodec.INSTANCE.encode(signed(keyedFraud(16))))) {
            for (int i = 0; i < 500; i++) {
                byte[] bad = Mutations.mutate(good, rng);
                try {
                    TransactionCodec.INSTANCE.decode(bad);
                } catch (CodecException expected) {
                    // the only failure a decoder may report
                }
            }
        }
    }
}
