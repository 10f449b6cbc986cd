package io.learnchain.node.p2p;

import io.learnchain.node.gossip.GossipMessage;

/**
 * Where gossip that passed the peer layer's checks goes: {@code PoleNode::receive} on a pole node,
 * {@link ChainGossipSink} on a node that only relays transactions and blocks. Called on the node's
 * scheduler thread.
 */
@FunctionalInterface
public interface GossipSink {
    void accept(String fromPeer, GossipMessage message);
}
