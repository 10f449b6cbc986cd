package io.learnchain.node.p2p;

/** A connected peer, for the API, logs and tests. */
public record PeerInfo(
        String address,
        boolean inbound,
        boolean ready,
        long bestHeight,
        String bestHash,
        String nodeId,
        int misbehaviour) {}
