package io.learnchain.node.gossip;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seam between a real node's pole roles and its peers: a {@link GossipNetwork} that sends to every
 * attached transport (none at first: a node with no peers). The peer-to-peer layer attaches one
 * and hands what it receives to the engine service's receive. A transport that throws is logged and
 * the others still get the message.
 */
public final class GossipPeers implements GossipNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(GossipPeers.class);
    private final List<GossipNetwork> transports = new CopyOnWriteArrayList<>();

    /** Sends every later message through {@code transport} too. */
    public void attach(GossipNetwork transport) {
        transports.add(transport);
    }

    public void detach(GossipNetwork transport) {
        transports.remove(transport);
    }

    public int transports() {
        return transports.size();
    }

    @Override
    public void broadcast(GossipMessage message) {
        for (GossipNetwork t : transports) {
            try {
                t.broadcast(message);
            } catch (RuntimeException e) {
                LOG.warn(
                        "a peer transport failed to send a {}: {}",
                        message.getClass().getSimpleName(),
                        e.toString());
            }
        }
    }
}
