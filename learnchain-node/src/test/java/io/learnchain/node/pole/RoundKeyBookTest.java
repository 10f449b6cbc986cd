package io.learnchain.node.pole;

import static io.learnchain.node.chain.TestNode.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.pole.TaskRules;
import io.learnchain.chain.privacy.EncryptedDataset;
import io.learnchain.chain.privacy.EntropySource;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.privacy.InnerProductEncryption;
import io.learnchain.chain.privacy.InputQuantizer;
import io.learnchain.chain.privacy.MasterSecretKey;
import io.learnchain.chain.privacy.ProjectionSpec;
import io.learnchain.chain.privacy.RoundFeatures;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.model.LayerSpec;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.model.Shape;
import io.learnchain.node.chain.TestNode;
import io.learnchain.node.gossip.GossipMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which private-round key releases a node keeps for its miner (issue 20). */
class RoundKeyBookTest {
    static final KeyPair REQUESTER = KEYS.get(1);
    static final KeyPair STRANGER = KEYS.get(3);
    static final ProjectionSpec SPEC = new ProjectionSpec(new InputQuantizer(8, 8, 2, 15), 4, 1);
    static final MasterSecretKey MSK = InnerProductEncryption.setup(SPEC.dimension(), EntropySource.seeded(41));
    static final byte[] BLOB = EncryptedDataset.encrypt(
                    new Dataset("clear", new int[] {8, 8}, 2, new float[128], new int[] {0, 1}),
                    SPEC.input(),
                    MSK,
                    EntropySource.seeded(42))
            .encode();
    static final Hash PARENT = Hash.sha256(new byte[] {4});

    private TestNode node;
    private WorldState state;
    private final RoundKeyBook book = new RoundKeyBook(TestNode.GENESIS.chainId());
    private final BlobView blobs = BlobView.of(Map.of(Hash.sha256(BLOB), BLOB));

    @BeforeEach
    void postPrivateTask() {
        node = new TestNode();
        List<Hash> shards = IntStream.range(0, 2)
                .mapToObj(i -> Hash.sha256(new byte[] {(byte) i}))
                .toList();
        PostTask task = new PostTask(
                ModelSpec.of(Shape.of(4), new LayerSpec.Dense(2)).text(),
                Hash.sha256(BLOB),
                0,
                2,
                Amount.ofCoins(1),
                60,
                0,
                600,
                shards,
                Optional.of(SPEC));
        SignedTransaction post = SignedTransaction.sign(
                new TxBody(TestNode.GENESIS.chainId(), REQUESTER.publicKey(), 0, Amount.ZERO, task), REQUESTER);
        node.mineAndConnect(KEYS.get(2), List.of(post));
        state = node.chain.head().tip().state();
    }

    @AfterEach
    void close() {
        node.close();
    }

    static GossipMessage.RoundKeys release(KeyPair signer, Hash previous, List<FunctionalKey> keys) {
        return new GossipMessage.RoundKeys(
                signer.publicKey(), RoundKeyRelease.sign(signer, TestNode.GENESIS.chainId(), 1, previous, keys));
    }

    static List<FunctionalKey> keysFor(Hash previous) {
        return RoundFeatures.deriveKeys(SPEC, MSK, TaskRules.roundKey(previous, 1));
    }

    @Test
    void keepsTheRequestersReleaseOfTheRoundsKeys() {
        assertThat(book.offer(release(REQUESTER, PARENT, keysFor(PARENT)), state, blobs))
                .isInstanceOf(RoundKeyBook.Outcome.Kept.class);
        assertThat(book.release(1, PARENT))
                .hasValueSatisfying(r -> assertThat(r.keys()).isEqualTo(keysFor(PARENT)));
        assertThat(book.release(1, Hash.ZERO)).isEmpty();
    }

    @Test
    void refusesAnotherSignerAndKeysOfAnotherRound() {
        assertThat(book.offer(release(STRANGER, PARENT, keysFor(PARENT)), state, blobs))
                .isInstanceOfSatisfying(
                        RoundKeyBook.Outcome.Refused.class,
                        r -> assertThat(r.why()).contains("requester"));
        assertThat(book.offer(release(REQUESTER, PARENT, keysFor(Hash.ZERO)), state, blobs))
                .isInstanceOfSatisfying(
                        RoundKeyBook.Outcome.Refused.class,
                        r -> assertThat(r.why()).contains("not the functional key"));
        assertThat(book.release(1, PARENT)).isEmpty();
    }

    @Test
    void waitsForTheEncryptedBlobAndForAnUnknownTask() {
        assertThat(book.offer(release(REQUESTER, PARENT, keysFor(PARENT)), state, BlobView.NONE))
                .isInstanceOf(RoundKeyBook.Outcome.Wait.class);
        GossipMessage.RoundKeys otherTask = new GossipMessage.RoundKeys(
                REQUESTER.publicKey(),
                RoundKeyRelease.sign(REQUESTER, TestNode.GENESIS.chainId(), 2, PARENT, keysFor(PARENT)));
        assertThat(book.offer(otherTask, state, blobs)).isInstanceOf(RoundKeyBook.Outcome.Wait.class);
    }
}
