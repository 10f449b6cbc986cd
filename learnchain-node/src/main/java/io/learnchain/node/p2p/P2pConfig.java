package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.p2p.wire.PeerAddress;
import io.learnchain.node.p2p.wire.WireLimits;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * The peer layer's settings.
 *
 * @param nodeId this node's random identity (sent in the handshake; refuses self-connections)
 * @param listenHost the interface the peer port binds to
 * @param listenPort the port peers reach this node on (0 = does not listen)
 * @param peers peers to keep connections to ({@code --peer HOST:PORT})
 * @param limits message and collection bounds
 * @param maxInbound inbound connections accepted at once
 * @param handshakeTimeoutMillis a peer that has not completed the handshake by then is dropped
 * @param idleTimeoutMillis a peer that sent nothing for this long is dropped (pings keep links alive)
 * @param pingIntervalMillis how often a ready peer is pinged
 * @param requestTimeoutMillis first sync request timeout of a peer; doubled for each of that peer's stalls (2 s, 4 s, 8 s, ...)
 * @param banMillis how long a misbehaving peer stays banned
 * @param blocksPerRequest block bodies asked for at once during sync
 * @param verify how synced blocks are verified
 */
public record P2pConfig(
        Hash nodeId,
        String listenHost,
        int listenPort,
        List<PeerAddress> peers,
        WireLimits limits,
        int maxInbound,
        long handshakeTimeoutMillis,
        long idleTimeoutMillis,
        long pingIntervalMillis,
        long requestTimeoutMillis,
        long banMillis,
        int blocksPerRequest,
        VerifyLevel verify) {
    /** The documented default: the API port (8645) + 1000. */
    public static final int DEFAULT_PORT = 9645;

    public P2pConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(listenHost, "listenHost");
        peers = List.copyOf(peers);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(verify, "verify");
        if (listenPort < 0 || listenPort > 65_535) {
            throw new IllegalArgumentException("--p2p-port must be 0-65535, got " + listenPort);
        }
        if (maxInbound < 0
                || handshakeTimeoutMillis < 1
                || idleTimeoutMillis < 1
                || pingIntervalMillis < 1
                || requestTimeoutMillis < 1
                || banMillis < 0
                || blocksPerRequest < 1
                || blocksPerRequest > limits.maxBlocks()) {
            throw new IllegalArgumentException(
                    "peer settings must be positive and blocks per request at most " + limits.maxBlocks());
        }
    }

    /** Defaults: 64 inbound, 5 s handshake, 90 s idle, 20 s ping, 2 s first request timeout, 1 h bans, 16 blocks. */
    public static P2pConfig defaults(Hash nodeId, int listenPort, List<PeerAddress> peers, VerifyLevel verify) {
        return new P2pConfig(
                nodeId,
                "127.0.0.1",
                listenPort,
                peers,
                WireLimits.DEFAULT,
                64,
                5_000,
                90_000,
                20_000,
                2_000,
                3_600_000,
                16,
                verify);
    }

    /** A fresh random node id (a new one each start: peers tell nodes apart, nothing else trusts it). */
    public static Hash randomNodeId() {
        byte[] id = new byte[Hash.LENGTH];
        new SecureRandom().nextBytes(id);
        return Hash.of(id);
    }

    public P2pConfig withListenHost(String host) {
        return new P2pConfig(
                nodeId,
                host,
                listenPort,
                peers,
                limits,
                maxInbound,
                handshakeTimeoutMillis,
                idleTimeoutMillis,
                pingIntervalMillis,
                requestTimeoutMillis,
                banMillis,
                blocksPerRequest,
                verify);
    }

    public P2pConfig withLimits(WireLimits newLimits) {
        return new P2pConfig(
                nodeId,
                listenHost,
                listenPort,
                peers,
                newLimits,
                maxInbound,
                handshakeTimeoutMillis,
                idleTimeoutMillis,
                pingIntervalMillis,
                requestTimeoutMillis,
                banMillis,
                Math.min(blocksPerRequest, newLimits.maxBlocks()),
                verify);
    }

    public P2pConfig withMaxInbound(int max) {
        return new P2pConfig(
                nodeId,
                listenHost,
                listenPort,
                peers,
                limits,
                max,
                handshakeTimeoutMillis,
                idleTimeoutMillis,
                pingIntervalMillis,
                requestTimeoutMillis,
                banMillis,
                blocksPerRequest,
                verify);
    }

    public P2pConfig withTimeouts(long handshakeMillis, long idleMillis, long pingMillis, long requestMillis) {
        return new P2pConfig(
                nodeId,
                listenHost,
                listenPort,
                peers,
                limits,
                maxInbound,
                handshakeMillis,
                idleMillis,
                pingMillis,
                requestMillis,
                banMillis,
                blocksPerRequest,
                verify);
    }
}
