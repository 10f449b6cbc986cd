package io.learnchain.node.gossip;

/**
 * How a node's pole roles reach the other nodes: a port. The simulation delivers over an
 * in-memory network with seeded latency; the peer protocol (node.p2p) maps each {@link GossipMessage} onto the wire.
 */
@FunctionalInterface
public interface GossipNetwork {
    /** Sends {@code message} to every peer (never back to the sender). */
    void broadcast(GossipMessage message);
}
