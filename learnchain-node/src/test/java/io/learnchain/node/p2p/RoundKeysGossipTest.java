package io.learnchain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.privacy.FunctionalKey;
import io.learnchain.node.gossip.GossipMessage;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A private round's key release as gossip (issue 20): its de-duplication key and the checks without chain state. */
class RoundKeysGossipTest {
    static final Hash CHAIN = Hash.sha256(new byte[] {1});
    static final KeyPair REQUESTER = KeyPair.fromSeed(new byte[32]);

    static GossipMessage.RoundKeys release(Hash chainId, long taskId) {
        return new GossipMessage.RoundKeys(
                REQUESTER.publicKey(),
                RoundKeyRelease.sign(
                        REQUESTER,
                        chainId,
                        taskId,
                        Hash.sha256(new byte[] {2}),
                        List.of(new FunctionalKey(BigInteger.TWO), new FunctionalKey(BigInteger.TEN))));
    }

    @Test
    void releaseForThisChainPassesAndIsNamedByItsEncoding() {
        GossipMessage.RoundKeys keys = release(CHAIN, 1);
        assertThat(GossipChecks.offence(keys, CHAIN)).isEmpty();
        assertThat(GossipChecks.id(keys)).isEqualTo(Hash.sha256(keys.release().encode()));
        assertThat(GossipChecks.id(keys)).isNotEqualTo(GossipChecks.id(release(CHAIN, 2)));
    }

    @Test
    void releaseWithAnotherSignersKeyIsAnOffence() {
        GossipMessage.RoundKeys keys = release(CHAIN, 1);
        byte[] seed = new byte[32];
        seed[0] = 5;
        KeyPair stranger = KeyPair.fromSeed(seed);
        assertThat(GossipChecks.offence(new GossipMessage.RoundKeys(stranger.publicKey(), keys.release()), CHAIN))
                .hasValueSatisfying(why -> assertThat(why).contains("does not verify"));
    }

    @Test
    void releaseForAnotherChainIsAnOffence() {
        assertThat(GossipChecks.offence(release(Hash.sha256(new byte[] {3}), 1), CHAIN))
                .hasValueSatisfying(why -> assertThat(why).contains("round keys for chain"));
    }
}
