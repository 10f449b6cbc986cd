package io.learnchain.node.p2p.netty;

import io.learnchain.node.blob.BlobStore;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.event.EventBus;
import io.learnchain.node.gossip.Scheduler;
import io.learnchain.node.p2p.ChainAnnouncer;
import io.learnchain.node.p2p.GossipSink;
import io.learnchain.node.p2p.P2pConfig;
import io.learnchain.node.p2p.PeerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real node's peer networking assembled: the {@link PeerService} on the node's scheduler, the
 * Netty transport listening on the configured port and dialling the configured peers, and the
 * announcer that gossips what this node mines or is sent. Closing stops them in reverse order.
 */
public final class P2pNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(P2pNetwork.class);
    private final PeerService service;
    private final NettyTransport transport;
    private final ChainAnnouncer announcer;
    private final int port;

    private P2pNetwork(PeerService service, NettyTransport transport, ChainAnnouncer announcer, int port) {
        this.service = service;
        this.transport = transport;
        this.announcer = announcer;
        this.port = port;
    }

    /**
     * Starts peer networking for {@code chain}: gossip that passes the peer checks goes to
     * {@code sink} ({@code PoleNode::receive}, or a {@link ChainGossipSink}); all protocol work runs
     * on {@code scheduler}.
     */
    public static P2pNetwork start(
            P2pConfig config,
            ChainService chain,
            BlobStore blobs,
            EventBus events,
            Scheduler scheduler,
            GossipSink sink) {
        PeerService service = new PeerService(config, chain, blobs, scheduler, sink);
        NettyTransport transport = new NettyTransport(service, config);
        int port;
        try {
            port = transport.listen(config.listenHost(), config.listenPort());
        } catch (InterruptedException e) {
            transport.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the peer port", e);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        ChainAnnouncer announcer = new ChainAnnouncer(events, chain, service);
        service.start();
        config.peers().forEach(transport::connect);
        LOG.info(
                "peer protocol on {}:{} (node id {}), {} configured peer(s), verify {}",
                config.listenHost(),
                port,
                config.nodeId().shortHex(),
                config.peers().size(),
                config.verify());
        return new P2pNetwork(service, transport, announcer, port);
    }

    public PeerService service() {
        return service;
    }

    /** The port the peer protocol listens on (the one bound when 0 was asked for). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        service.stop();
        announcer.close();
        transport.close();
    }
}
