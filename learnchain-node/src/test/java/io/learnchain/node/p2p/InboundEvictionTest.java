package io.learnchain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.gossip.VirtualScheduler;
import io.learnchain.node.p2p.wire.WireCodec;
import io.learnchain.node.p2p.wire.WireMessage;
import io.learnchain.testkit.ChainBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 9: connections that do nothing useful cannot keep honest newcomers out of the
 * inbound slots (a flood held all 64; only 3 of 27 honest handshakes got in).
 */
class InboundEvictionTest {
    static final int SLOTS = 16;
    final VirtualScheduler scheduler = new VirtualScheduler(InMemorySyncTest.START);
    final ChainBuilder chain = ChainBuilder.devnet();
    final Hash id = chain.genesis().chainId();
    final P2pTestNode node = new P2pTestNode(
            "node",
            chain.genesis(),
            scheduler,
            scheduler,
            P2pTestNode.config("node", VerifyLevel.SEGMENTS).withMaxInbound(SLOTS));

    InboundEvictionTest() {
        node.peers.start();
    }

    private ScriptedPeer connect(String address) {
        ScriptedPeer p = new ScriptedPeer(address).connectTo(node.peers).handshake(id, 0, id);
        scheduler.runFor(10);
        return p;
    }

    @Test
    void honestNewcomersGetInAgainstAFloodFromOneHost() {
        List<ScriptedPeer> flood = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            flood.add(connect("6.6.6.6:" + (1000 + i)));
        }
        List<ScriptedPeer> honest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            honest.add(connect("10.0.0." + i + ":9645"));
        }
        // the flood goes on: each new connection of the host pushes out the host's own newest
        for (int i = 0; i < 40; i++) {
            flood.add(connect("6.6.6.6:" + (2000 + i)));
        }
        assertThat(honest).noneMatch(ScriptedPeer::closed);
        assertThat(flood.stream().filter(p -> !p.closed()).count()).isEqualTo(SLOTS - honest.size());
        assertThat(flood.subList(0, InboundEviction.PROTECTED_OLDEST))
                .as("the longest connected are kept, whoever they are")
                .noneMatch(ScriptedPeer::closed);
        assertThat(flood.stream()
                        .filter(ScriptedPeer::closed)
                        .map(p -> p.closedBecause)
                        .distinct())
                .containsExactly("evicted to make room for a new inbound peer");
    }

    @Test
    void aConnectionStillInItsHandshakeGoesFirst() {
        for (int i = 0; i < SLOTS - 1; i++) {
            connect("10.0.0." + i + ":9645");
        }
        ScriptedPeer silent = new ScriptedPeer("7.7.7.7:1").connectTo(node.peers);
        ScriptedPeer newcomer = connect("10.0.1.1:9645");
        assertThat(silent.closedBecause).isEqualTo("evicted to make room for a new inbound peer");
        assertThat(newcomer.closed()).isFalse();
    }

    @Test
    void peersThatBroughtSomethingNewAreKept() {
        List<Peer> inbound = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Peer p = new Peer(new ScriptedPeer("6.6.6.6:" + i), 1_000 + i);
            p.helloReceived(new WireMessage.Hello(
                    WireCodec.PROTOCOL_VERSION, id, Height.GENESIS, id, Hash.sha256(("p" + i).getBytes()), 0));
            p.ackReceived();
            inbound.add(p);
        }
        inbound.get(11).markUseful(5_000); // the youngest, but it relayed a new block
        Peer evicted = InboundEviction.choose(inbound).orElseThrow();
        assertThat(evicted).isSameAs(inbound.get(10));
        for (Peer p : inbound.subList(InboundEviction.PROTECTED_OLDEST, 11)) {
            p.markUseful(6_000);
        }
        // 4 oldest and the 4 most recently useful are kept; the rest is the youngest of its host
        assertThat(InboundEviction.choose(inbound)).isPresent();
        assertThat(InboundEviction.choose(
                        inbound.subList(0, InboundEviction.PROTECTED_OLDEST + InboundEviction.PROTECTED_USEFUL)))
                .as("all kept: the newcomer is refused")
                .isEmpty();
    }
}
