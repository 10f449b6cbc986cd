package io.learnchain.node.p2p;

/**
 * One connection to a peer as the transport sees it: the port between the transport-agnostic
 * {@link PeerService} and a transport (Netty over TCP, or the in-memory network of tests and the
 * simulation). Implementations frame each message (4-byte length prefix on TCP) and must allow
 * {@link #send} and {@link #close} from any thread.
 */
public interface PeerLink {
    /** The remote end in words, e.g. {@code 10.0.0.7:9645} (also the peer's name towards the pole roles). */
    String address();

    /**
     * What a ban is recorded under: the remote IP address; for loopback peers the address with its
     * port (so a local test network can ban one of its nodes without banning all of them).
     */
    String banKey();

    /** Whether the peer connected to this node. */
    boolean inbound();

    /** Sends one encoded message (see {@link io.learnchain.node.p2p.wire.WireCodec}). */
    void send(byte[] message);

    /** Closes the connection; the transport then calls {@link PeerService#onClosed}. Idempotent. */
    void close(String reason);
}
