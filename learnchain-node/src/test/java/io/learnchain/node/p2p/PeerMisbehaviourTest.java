package io.learnchain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.gossip.VirtualScheduler;
import io.learnchain.node.p2p.wire.PeerAddress;
import io.learnchain.node.p2p.wire.WireCodec;
import io.learnchain.node.p2p.wire.WireLimits;
import io.learnchain.node.p2p.wire.WireMessage;
import io.learnchain.testkit.ChainBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SCENARIOS.md A: what gets a peer banned, and what does not. */
class PeerMisbehaviourTest {
    final VirtualScheduler scheduler = new VirtualScheduler(InMemorySyncTest.START);
    final ChainBuilder chain = ChainBuilder.devnet();
    final P2pTestNode node = new P2pTestNode(
            "node", chain.genesis(), scheduler, scheduler, P2pTestNode.config("node", VerifyLevel.SEGMENTS));

    PeerMisbehaviourTest() {
        node.peers.start();
    }

    ScriptedPeer ready(String name) {
        ScriptedPeer p = new ScriptedPeer(name)
                .connectTo(node.peers)
                .handshake(chain.genesis().chainId(), 0, chain.genesis().chainId());
        scheduler.runFor(10);
        assertThat(node.peers.readyCount()).isPositive();
        return p;
    }

    @Test
    void bansAPeerThatSendsAMalformedMessage() {
        ScriptedPeer bad = ready("bad");
        bad.tellRaw(new byte[] {(byte) WireCodecTags.BLOCKS, 1, 0, 0, 0, 9});
        assertThat(bad.closed()).isTrue();
        assertThat(node.peers.isBanned("bad")).isTrue();
        assertThat(node.peers.bans().entries().get("bad").reason()).contains("malformed");
    }

    @Test
    void bansASecondHandshakeAndMessagesBeforeTheHandshake() {
        ScriptedPeer twice = ready("twice");
        twice.handshake(chain.genesis().chainId(), 0, chain.genesis().chainId());
        scheduler.runFor(10);
        assertThat(node.peers.isBanned("twice")).isTrue();

        ScriptedPeer early = new ScriptedPeer("early").connectTo(node.peers);
        early.tell(new WireMessage.Status(Height.of(1), Hash.ZERO));
        scheduler.runFor(10);
        assertThat(node.peers.isBanned("early")).isTrue();
    }

    @Test
    void refusesAnotherChainWithAReasonWithoutBanning() {
        ScriptedPeer other = new ScriptedPeer("other")
                .connectTo(node.peers)
                .handshake(Hash.sha256("another genesis".getBytes()), 0, Hash.ZERO);
        scheduler.runFor(10);
        assertThat(other.receivedOf(WireMessage.HelloAck.class))
                .singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("chain id").contains("different genesis"));
        assertThat(other.closed()).isTrue();
        assertThat(node.peers.isBanned("other")).isFalse();
    }

    @Test
    void doesNotPunishAPeerThatOnlyAsksForUnknownData() {
        ScriptedPeer curious = ready("curious");
        for (int i = 0; i < 10; i++) {
            Hash unknown = Hash.sha256(new byte[] {(byte) i});
            curious.tell(new WireMessage.GetBlocks(List.of(unknown)));
            curious.tell(new WireMessage.GetBlob(unknown, 0, 1024));
            curious.tell(new WireMessage.GetHeaders(List.of(unknown), 100));
        }
        scheduler.runFor(100);
        assertThat(curious.closed()).isFalse();
        assertThat(curious.receivedOf(WireMessage.NotFound.class)).hasSize(20);
        assertThat(node.peers.peers())
                .singleElement()
                .satisfies(p -> assertThat(p.misbehaviour()).isZero());
    }

    @Test
    void bansTheRelayerOfAMutatedBodyAndStillConnectsTheHonestCopy() {
        Block honest = chain.addBlock(chain.transfer(1, 2, Amount.ofUnits(5_000)));
        List<Transaction> body = new ArrayList<>(honest.transactions());
        Collections.swap(body, 0, 1);
        Block mutated = new Block(honest.header(), body);
        ScriptedPeer bad = ready("mutator");
        ScriptedPeer good = ready("relayer");
        bad.tell(new WireMessage.Gossip(new GossipMessage.BlockMsg(mutated)));
        scheduler.runFor(10);
        assertThat(node.peers.isBanned("mutator")).isTrue();
        assertThat(node.height()).isZero();

        good.tell(new WireMessage.Gossip(new GossipMessage.BlockMsg(honest)));
        scheduler.runFor(10);
        assertThat(node.tip()).as("the header was not marked bad").isEqualTo(honest.hash());
        assertThat(good.closed()).isFalse();
    }

    @Test
    void acceptsExactlyTheHeaderLimitAndBansOneMore() {
        WireLimits limits = WireLimits.DEFAULT;
        ScriptedPeer peer = ready("limits");
        Block b = chain.addBlock();
        byte[] atLimit = new WireCodec(limits.withMaxFrameBytes(64 << 20))
                .encode(new WireMessage.Headers(Collections.nCopies(limits.maxHeaders(), b.header())));
        peer.tellRaw(atLimit);
        scheduler.runFor(10);
        assertThat(node.peers.isBanned("limits"))
                .as("unsolicited headers cost points, not a ban")
                .isFalse();
        ScriptedPeer over = ready("over");
        over.tellRaw(new WireCodec(limits.withMaxFrameBytes(64 << 20))
                .encode(new WireMessage.Headers(Collections.nCopies(limits.maxHeaders() + 1, b.header()))));
        assertThat(node.peers.isBanned("over")).isTrue();
    }

    @Test
    void dropsDuplicateGossipAndRelaysNewGossipOnce() {
        ScriptedPeer from = ready("from");
        ScriptedPeer to = ready("to");
        var tx = chain.transfer(1, 2, Amount.ofUnits(5_000));
        for (int i = 0; i < 3; i++) {
            from.tell(new WireMessage.Gossip(new GossipMessage.Transaction(tx)));
        }
        scheduler.runFor(10);
        assertThat(to.receivedOf(WireMessage.Gossip.class)).hasSize(1);
        assertThat(from.receivedOf(WireMessage.Gossip.class))
                .as("never echoed to the sender")
                .isEmpty();
        assertThat(node.mempool.contains(tx.hash())).isTrue();
    }

    @Test
    void dropsAPeerThatDoesNotCompleteTheHandshakeInTime() {
        ScriptedPeer silent = new ScriptedPeer("silent").connectTo(node.peers);
        scheduler.runFor(4_000);
        assertThat(silent.closed()).isFalse();
        scheduler.runFor(2_000);
        assertThat(silent.closedBecause).contains("no handshake within 5000 ms");
        assertThat(node.peers.isBanned("silent")).isFalse();
    }

    @Test
    void refusesInboundConnectionsOverTheLimit() {
        P2pTestNode small = new P2pTestNode(
                "small",
                chain.genesis(),
                scheduler,
                scheduler,
                P2pTestNode.config("small", VerifyLevel.SEGMENTS).withMaxInbound(2));
        Hash id = chain.genesis().chainId();
        ScriptedPeer first = new ScriptedPeer("first").connectTo(small.peers).handshake(id, 0, id);
        ScriptedPeer second = new ScriptedPeer("second").connectTo(small.peers).handshake(id, 0, id);
        scheduler.runFor(10);
        // both are among the longest connected, which eviction keeps: the newcomer is refused
        ScriptedPeer third = new ScriptedPeer("third").connectTo(small.peers);
        assertThat(first.closed()).isFalse();
        assertThat(second.closed()).isFalse();
        assertThat(third.closedBecause).isEqualTo("inbound limit reached");
        first.close("leaving");
        assertThat(new ScriptedPeer("fourth").connectTo(small.peers).closed())
                .as("room again")
                .isFalse();
    }

    @Test
    void sharesTheListenAddressesOfItsPeers() {
        ScriptedPeer listener = new ScriptedPeer("10.0.0.7:40000").connectTo(node.peers);
        listener.tell(new WireMessage.Hello(
                WireCodec.PROTOCOL_VERSION,
                chain.genesis().chainId(),
                Height.GENESIS,
                chain.genesis().chainId(),
                Hash.sha256("listener".getBytes()),
                9645));
        listener.tell(WireMessage.HelloAck.accept());
        scheduler.runFor(10);
        ScriptedPeer asker = ready("asker");
        asker.tell(new WireMessage.GetPeers());
        scheduler.runFor(10);
        assertThat(asker.receivedOf(WireMessage.Peers.class))
                .last()
                .satisfies(p -> assertThat(p.peers()).contains(new PeerAddress("10.0.0.7", 9645)));
    }

    @Test
    void oneListOfJunkAddressesFillsOnlyItsSendersBucket() {
        ScriptedPeer junk = ready("6.6.6.6:1");
        List<PeerAddress> list = new ArrayList<>();
        for (int i = 0; i < 996; i++) {
            list.add(new PeerAddress("203.0." + i / 250 + "." + i % 250, 9645));
        }
        junk.tell(new WireMessage.Peers(list));
        scheduler.runFor(10);
        assertThat(node.peers.addresses()).hasSize(AddressBook.PER_SOURCE);
        scheduler.runFor(AddressBook.HEARD_OF_TTL_MILLIS + 1_000);
        assertThat(node.peers.addresses()).as("not heard again within the hour").isEmpty();
    }

    @Test
    void aPeerThatAsksForBlobsFasterThanItsBudgetIsServedAtTheBudgetsPace() throws Exception {
        byte[] blob = new byte[1 << 20];
        new Random(7).nextBytes(blob);
        Hash hash = node.blobs.put(blob);
        ScriptedPeer greedy = ready("greedy");
        for (int i = 0; i < 200; i++) {
            greedy.tell(new WireMessage.GetBlob(hash, 0, blob.length));
        }
        scheduler.runFor(1_000);
        long served = greedy.receivedOf(WireMessage.BlobChunk.class).stream()
                .mapToLong(c -> c.bytes().length())
                .sum();
        assertThat(served)
                .as("one second: the burst and a second's refill, not the 200 MiB asked for")
                .isLessThanOrEqualTo(Peer.SERVE_BURST_BYTES + Peer.SERVE_BYTES_PER_SECOND + blob.length);
        scheduler.runFor(10_000);
        assertThat(greedy.receivedOf(WireMessage.BlobChunk.class))
                .as("the few that waited are served; the rest were dropped")
                .hasSizeLessThanOrEqualTo((int) (Peer.SERVE_BURST_BYTES / blob.length) + 1 + Peer.MAX_DEFERRED_SERVES);
        assertThat(node.peers.isBanned("greedy")).isFalse();
    }

    /** The codec's tags, for hand-made frames. */
    static final class WireCodecTags {
        static final int BLOCKS = 9;
    }
}
