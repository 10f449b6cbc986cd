package io.learnchain.node.pole;

import static io.learnchain.node.chain.TestNode.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.pole.Round;
import io.learnchain.chain.pole.RoundDriver;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.learn.model.PredefinedModels;
import io.learnchain.node.chain.TestNode;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.pole.RevealRules.Decision;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node takes only the requester's reveal of a shard the task committed to (SCENARIOS.md D19). */
class RevealRulesTest {
    private static final KeyPair REQUESTER = KEYS.get(1);
    private static final KeyPair STRANGER = KEYS.get(3);
    private TestNode node;
    private Round.Learning round;

    static byte[] shard(int i) {
        return new byte[] {(byte) i, 42};
    }

    @BeforeEach
    void postTask() {
        node = new TestNode();
        List<Hash> shards =
                IntStream.range(0, 4).mapToObj(i -> Hash.sha256(shard(i))).toList();
        PostTask task = new PostTask(
                PredefinedModels.MLP_SMALL.text(),
                Hash.sha256(new byte[] {9}),
                5000,
                3,
                Amount.ofCoins(10),
                60,
                0,
                600,
                shards);
        node.mineAndConnect(KEYS.get(2), List.of(sign(REQUESTER, task, TestNode.GENESIS.chainId(), 0)));
        round = (Round.Learning) RoundDriver.round(node.chain.head().tip(), node.chain.rules());
    }

    @AfterEach
    void close() {
        node.close();
    }

    static SignedTransaction sign(KeyPair key, Payload payload, Hash chainId, long nonce) {
        return SignedTransaction.sign(new TxBody(chainId, key.publicKey(), nonce, Amount.ZERO, payload), key);
    }

    private Decision judge(KeyPair signer, long task, Hash previous, int index, byte[] bytes, Hash named) {
        RevealShard reveal = new RevealShard(task, previous, index, named, List.of());
        return RevealRules.judge(
                new GossipMessage.ShardReveal(sign(signer, reveal, TestNode.GENESIS.chainId(), 1), bytes), node.chain);
    }

    private Decision judge(KeyPair signer, int index) {
        return judge(signer, 1, round.previous(), index, shard(index), Hash.sha256(shard(index)));
    }

    @Test
    void takesTheRequestersRevealOfTheChosenShard() {
        assertThat(judge(REQUESTER, round.shardIndex())).isEqualTo(Decision.TAKE);
    }

    @Test
    void ignoresARevealSignedByAnyoneElse() {
        assertThat(judge(STRANGER, round.shardIndex())).isEqualTo(Decision.IGNORE);
        byte[] forged = {1, 2, 3};
        assertThat(judge(STRANGER, 1, round.previous(), round.shardIndex(), forged, Hash.sha256(forged)))
                .isEqualTo(Decision.IGNORE);
    }

    @Test
    void ignoresBytesThatAreNotTheNamedOrCommittedShard() {
        int k = round.shardIndex();
        byte[] forged = {1, 2, 3};
        assertThat(judge(REQUESTER, 1, round.previous(), k, forged, Hash.sha256(shard(k))))
                .isEqualTo(Decision.IGNORE);
        assertThat(judge(REQUESTER, 1, round.previous(), k, forged, Hash.sha256(forged)))
                .isEqualTo(Decision.IGNORE);
        int other = (k + 1) % 4; // a committed shard named at the wrong index
        assertThat(judge(REQUESTER, 1, round.previous(), k, shard(other), Hash.sha256(shard(other))))
                .isEqualTo(Decision.IGNORE);
    }

    @Test
    void ignoresAnotherCommittedShardThanTheChainChoseOnTheTip() {
        int other = (round.shardIndex() + 1) % 4;
        assertThat(judge(REQUESTER, other)).isEqualTo(Decision.IGNORE);
        // for a parent this node has not connected, which shard the chain chose is not known here: taken
        Hash elsewhere = Hash.sha256(new byte[] {7});
        assertThat(judge(REQUESTER, 1, elsewhere, other, shard(other), Hash.sha256(shard(other))))
                .isEqualTo(Decision.TAKE);
    }

    @Test
    void waitsForATaskTheTipDoesNotKnowYet() {
        assertThat(judge(REQUESTER, 2, round.previous(), 0, shard(0), Hash.sha256(shard(0))))
                .isEqualTo(Decision.WAIT);
    }

    @Test
    void ignoresRoundKeysInTheRevealOfATaskInTheClear() {
        int k = round.shardIndex();
        RevealShard reveal = new RevealShard(
                1,
                round.previous(),
                k,
                Hash.sha256(shard(k)),
                List.of(),
                List.of(new FunctionalKey(java.math.BigInteger.ONE)));
        SignedTransaction tx = sign(REQUESTER, reveal, TestNode.GENESIS.chainId(), 1);
        assertThat(RevealRules.judge(new GossipMessage.ShardReveal(tx, shard(k)), node.chain))
                .isEqualTo(Decision.IGNORE);
    }

    @Test
    void takesAPrivateTasksRevealOnlyWithItsKRoundKeys() {
        List<Hash> shards =
                IntStream.range(0, 4).mapToObj(i -> Hash.sha256(shard(i))).toList();
        PostTask privateTask = new PostTask(
                "input 16 | dense 10",
                Hash.sha256(new byte[] {8}),
                0,
                2,
                Amount.ofCoins(1),
                60,
                0,
                600,
                shards,
                java.util.Optional.of(io.learnchain.chain.privacy.ProjectionSpec.defaultsFor(28, 28)));
        node.close();
        node = new TestNode(); // the private task alone (an open task admits no idle block to post another)
        node.mineAndConnect(KEYS.get(2), List.of(sign(REQUESTER, privateTask, TestNode.GENESIS.chainId(), 0)));
        Hash elsewhere = Hash.sha256(new byte[] {7}); // a parent not on this node: the shard choice is not judged
        java.util.function.IntFunction<Decision> withKeys = count -> RevealRules.judge(
                new GossipMessage.ShardReveal(
                        sign(
                                REQUESTER,
                                new RevealShard(
                                        1,
                                        elsewhere,
                                        0,
                                        Hash.sha256(shard(0)),
                                        List.of(),
                                        java.util.Collections.nCopies(
                                                count, new FunctionalKey(java.math.BigInteger.ONE))),
                                TestNode.GENESIS.chainId(),
                                1),
                        shard(0)),
                node.chain);
        assertThat(withKeys.apply(0)).isEqualTo(Decision.IGNORE);
        assertThat(withKeys.apply(15)).isEqualTo(Decision.IGNORE);
        assertThat(withKeys.apply(16)).isEqualTo(Decision.TAKE);
    }

    @Test
    void ignoresARevealSignedForAnotherChain() {
        int k = round.shardIndex();
        RevealShard reveal = new RevealShard(1, round.previous(), k, Hash.sha256(shard(k)), List.of());
        SignedTransaction tx = sign(REQUESTER, reveal, Hash.sha256(new byte[] {1}), 1);
        assertThat(RevealRules.judge(new GossipMessage.ShardReveal(tx, shard(k)), node.chain))
                .isEqualTo(Decision.IGNORE);
    }
}
