package io.learnchain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.p2p.wire.WireCodec;
import io.learnchain.node.p2p.wire.WireLimits;
import io.learnchain.node.p2p.wire.WireMessage;
import io.learnchain.testkit.ChainBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The peer protocol over real loopback TCP (SCENARIOS.md A1, A2, A4, A6), in one process. */
class NettyPeerTest {
    static final WireLimits SMALL_FRAMES = WireLimits.DEFAULT.withMaxFrameBytes(1 << 20);
    final ChainBuilder chain = ChainBuilder.devnet();
    final List<AutoCloseable> open = new ArrayList<>();

    NettyTestNode start(String name, Genesis genesis) throws InterruptedException {
        NettyTestNode n = new NettyTestNode(
                name, genesis, P2pTestNode.config(name, VerifyLevel.SEGMENTS).withLimits(SMALL_FRAMES));
        open.add(n);
        return n;
    }

    TcpScriptedPeer peer(NettyTestNode node) throws IOException {
        TcpScriptedPeer p = new TcpScriptedPeer(node.port);
        open.add(p);
        return p;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    static void waitFor(String what, long millis, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void threeNodesSyncRelayTransactionsAndFollowNewBlocks() throws Exception {
        chain.addEmptyBlocks(20);
        NettyTestNode a = start("a", chain.genesis());
        NettyTestNode b = start("b", chain.genesis());
        NettyTestNode c = start("c", chain.genesis());
        a.node.importAll(chain.blocks());
        b.dial(a);
        c.dial(b);
        waitFor("b and c at height 20", 20_000, () -> b.node.height() == 20 && c.node.height() == 20);

        SignedTransaction tx = chain.transfer(1, 2, Amount.ofUnits(5_000));
        c.peers().broadcast(new GossipMessage.Transaction(tx));
        waitFor("the transaction in a's mempool", 5_000, () -> a.node.mempool.contains(tx.hash()));

        Block next = chain.addBlock(tx);
        a.node.importAll(List.of(next));
        waitFor("c follows a's new block", 10_000, () -> c.node.tip().equals(next.hash()));
        assertThat(c.node.mempool.contains(tx.hash()))
                .as("included, so out of the mempool")
                .isFalse();
    }

    @Test
    void aPeerThatAsksForBlobsAndNeverReadsIsDisconnectedNotBufferedForever() throws Exception {
        NettyTestNode a = start("a", chain.genesis());
        byte[] blob = new byte[900_000];
        new java.util.Random(7).nextBytes(blob);
        io.learnchain.base.Hash hash = a.node.blobs.put(blob);
        try (TcpScriptedPeer p = peer(a)) {
            assertThat(p.handshake(chain.genesis().chainId(), "hoarder").accepted())
                    .isTrue();
            // 120 requests of 53 bytes ask for about 108 MB; the peer reads none of it
            for (int i = 0; i < 120; i++) {
                p.send(new WireMessage.GetBlob(hash, 0, blob.length));
            }
            assertThat(p.closedWithin(20_000))
                    .as(
                            "the node drops a peer once %d MiB wait for it",
                            io.learnchain.node.p2p.netty.NettyTransport.MAX_QUEUED_BYTES >> 20)
                    .isTrue();
        }
    }

    @Test
    void refusesAPeerOfAnotherChainWithAReason() throws Exception {
        NettyTestNode a = start("a", chain.genesis());
        Genesis other = Genesis.devnet(3, Amount.ofCoins(5), 1, 0);
        try (TcpScriptedPeer p = peer(a)) {
            WireMessage.HelloAck ack = p.handshake(other.chainId(), "stranger");
            assertThat(ack.accepted()).isFalse();
            assertThat(ack.reason()).contains("chain id").contains("different genesis");
            assertThat(p.closedWithin(1_000)).isTrue();
        }
        NettyTestNode d = start("d", other);
        d.dial(a);
        Thread.sleep(500);
        assertThat(d.peers().readyCount()).isZero();
        assertThat(a.peers().readyCount()).isZero();
        assertThat(a.peers().bans().entries())
                .as("a different chain is refused, not banned")
                .isEmpty();
    }

    @Test
    void bansMalformedOversizedAndRepeatedHandshakesWhileAnotherPeersPingsStayFast() throws Exception {
        NettyTestNode node = start("node", chain.genesis());
        TcpScriptedPeer good = peer(node);
        assertThat(good.handshake(chain.genesis().chainId(), "good").accepted()).isTrue();

        TcpScriptedPeer unknownTag = peer(node);
        unknownTag.handshake(chain.genesis().chainId(), "unknown-tag");
        unknownTag.write(TcpScriptedPeer.frame(new byte[] {(byte) 0x63, 1, 2, 3}));
        assertThat(unknownTag.closedWithin(1_000))
                .as("unknown message type disconnects within 1 s")
                .isTrue();

        TcpScriptedPeer oversized = peer(node);
        oversized.write(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(SMALL_FRAMES.maxFrameBytes() + 1)
                .putInt(0)
                .array());
        assertThat(oversized.closedWithin(1_000))
                .as("a length over the limit disconnects within 1 s")
                .isTrue();

        // a frame within the protocol's limit but far beyond a handshake message, before any handshake:
        // refused at once, before its bytes are held (it used to be read into memory until the timeout)
        TcpScriptedPeer stranger = peer(node);
        stranger.write(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(SMALL_FRAMES.maxFrameBytes() - 1)
                .putInt(0)
                .array());
        assertThat(stranger.closedWithin(1_000))
                .as("a large frame before the handshake disconnects within 1 s")
                .isTrue();

        TcpScriptedPeer truncated = peer(node);
        truncated.handshake(chain.genesis().chainId(), "truncated");
        truncated.write(TcpScriptedPeer.frame(new byte[] {3, 1, 2})); // a ping cut short
        assertThat(truncated.closedWithin(1_000)).isTrue();

        TcpScriptedPeer twice = peer(node);
        twice.handshake(chain.genesis().chainId(), "twice");
        twice.send(new WireMessage.Hello(
                WireCodec.PROTOCOL_VERSION,
                chain.genesis().chainId(),
                Height.GENESIS,
                chain.genesis().chainId(),
                Hash.sha256("twice".getBytes()),
                0));
        assertThat(twice.closedWithin(1_000))
                .as("a second handshake disconnects")
                .isTrue();

        byte[] split = TcpScriptedPeer.frame(TcpScriptedPeer.CODEC.encode(new WireMessage.Ping(77)));
        good.write(Arrays.copyOfRange(split, 0, 3));
        Thread.sleep(50);
        good.write(Arrays.copyOfRange(split, 3, split.length));
        assertThat(good.readUntil(WireMessage.Pong.class).nonce())
                .as("a frame split across writes is processed")
                .isEqualTo(77);
        assertThat(good.ping(1)).isLessThan(2_000);
        waitFor("four bans", 2_000, () -> node.peers().bans().entries().size() >= 4);
        assertThat(node.peers().bans().entries().values())
                .extracting(BanList.Ban::reason)
                .anySatisfy(r -> assertThat(r).contains("unknown message tag"))
                .anySatisfy(r -> assertThat(r).contains("bad framing"))
                .anySatisfy(r -> assertThat(r).contains("truncated"))
                .anySatisfy(r -> assertThat(r).contains("second handshake"));
    }

    @Test
    void junkFloodOfMaximumSizeMessagesGetsTheSenderBannedAndPingsStayUnderTwoSeconds() throws Exception {
        NettyTestNode node = start("node", chain.genesis());
        TcpScriptedPeer good = peer(node);
        good.handshake(chain.genesis().chainId(), "good");
        TcpScriptedPeer flooder = peer(node);
        flooder.handshake(chain.genesis().chainId(), "flooder");
        byte[] junk = TcpScriptedPeer.frame(TcpScriptedPeer.CODEC.encode(new WireMessage.BlobChunk(
                Hash.ZERO, 0, SMALL_FRAMES.maxChunkBytes(), Bytes.wrap(new byte[SMALL_FRAMES.maxChunkBytes()]))));
        assertThat(junk.length).isGreaterThan(SMALL_FRAMES.maxFrameBytes() - 200);
        CompletableFuture<Integer> flood = CompletableFuture.supplyAsync(() -> {
            int sent = 0;
            try {
                for (; sent < 80; sent++) {
                    flooder.write(junk);
                }
            } catch (IOException e) {
                // the node hung up: the flood is over
            }
            return sent;
        });
        long worst = 0;
        for (int i = 0; i < 20; i++) {
            worst = Math.max(worst, good.ping(1_000 + i));
        }
        flood.join();
        assertThat(worst).as("slowest of 20 pings during the flood, ms").isLessThan(2_000);
        assertThat(flooder.closedWithin(2_000)).isTrue();
        waitFor(
                "the flooder banned",
                2_000,
                () -> node.peers().bans().entries().values().stream()
                        .anyMatch(b -> b.reason().contains("not asked for")));
        assertThat(good.ping(99)).isLessThan(2_000);
        System.out.printf(
                "junk flood: %d frames of %d bytes sent before the ban; slowest ping %d ms%n",
                flood.join(), junk.length, worst);
    }

    @Test
    void bansTheSenderOfAMutatedBodyAndConnectsTheHonestCopyFromAnotherPeer() throws Exception {
        NettyTestNode node = start("node", chain.genesis());
        Block honest = chain.addBlock(chain.transfer(1, 2, Amount.ofUnits(5_000)));
        List<Transaction> body = new ArrayList<>(honest.transactions());
        Collections.swap(body, 0, 1);
        TcpScriptedPeer bad = peer(node);
        bad.handshake(chain.genesis().chainId(), "mutator");
        TcpScriptedPeer good = peer(node);
        good.handshake(chain.genesis().chainId(), "honest");
        bad.send(new WireMessage.Gossip(new GossipMessage.BlockMsg(new Block(honest.header(), body))));
        assertThat(bad.closedWithin(5_000)).as("dropped within 5 s").isTrue();
        good.send(new WireMessage.Gossip(new GossipMessage.BlockMsg(honest)));
        waitFor("the honest copy connects", 5_000, () -> node.node.tip().equals(honest.hash()));
        assertThat(good.ping(5)).isLessThan(2_000);
    }
}
