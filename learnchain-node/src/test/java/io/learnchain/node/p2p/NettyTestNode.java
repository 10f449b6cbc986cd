package io.learnchain.node.p2p;

import io.learnchain.chain.genesis.Genesis;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.p2p.netty.NettyTransport;
import io.learnchain.node.p2p.wire.PeerAddress;

/** A node on the real clock with the Netty transport on a free loopback port, for in-process TCP tests. */
final class NettyTestNode implements AutoCloseable {
    final SingleThreadScheduler scheduler;
    final P2pTestNode node;
    final NettyTransport transport;
    final int port;

    NettyTestNode(String name, Genesis genesis, P2pConfig config) throws InterruptedException {
        scheduler = new SingleThreadScheduler("node-" + name, Clock.system());
        node = new P2pTestNode(name, genesis, scheduler, Clock.system(), config);
        transport = new NettyTransport(node.peers, config);
        port = transport.listen("127.0.0.1", 0);
        node.peers.start();
    }

    void dial(NettyTestNode other) {
        transport.connect(new PeerAddress("127.0.0.1", other.port));
    }

    PeerService peers() {
        return node.peers;
    }

    @Override
    public void close() {
        node.peers.stop();
        transport.close();
        scheduler.close();
    }
}
