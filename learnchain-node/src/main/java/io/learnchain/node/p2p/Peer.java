package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.node.p2p.wire.WireMessage;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this node knows about one connected peer. Mutated on the scheduler thread; the fields the
 * transport threads read ({@link #ready}, the misbehaviour score) are safe to read from any thread.
 */
final class Peer {
    /** Misbehaviour points at which a peer is banned. */
    static final int BAN_THRESHOLD = 100;
    /** Blob bytes served to one peer per second, after a first burst. */
    static final long SERVE_BYTES_PER_SECOND = 32L << 20;

    static final long SERVE_BURST_BYTES = 64L << 20;
    /** Blob requests of one peer that may wait for its budget; later ones are dropped (its fetcher asks again). */
    static final int MAX_DEFERRED_SERVES = 8;

    final PeerLink link;
    private final AtomicInteger score = new AtomicInteger();
    private volatile boolean ready;
    private volatile boolean closed;
    private Optional<WireMessage.Hello> hello = Optional.empty();
    private boolean ackReceived;
    private Height bestHeight = Height.GENESIS;
    private Hash bestHash = Hash.ZERO;
    long lastReceivedMillis;
    long lastPingMillis;
    /** When the connection was made; the longest-connected inbound peers are kept when slots run out. */
    final long connectedMillis;
    /** The blob bytes this node may still send the peer (see {@link ServeBudget}). */
    final ServeBudget serveBudget;
    /** Blob requests of the peer waiting for its budget; more than a few are dropped. */
    int deferredServes;
    /** When the peer last brought something new (a block, transaction or candidate); 0 never. */
    private volatile long lastUsefulMillis;

    Peer(PeerLink link, long nowMillis) {
        this.link = link;
        this.connectedMillis = nowMillis;
        this.serveBudget = new ServeBudget(SERVE_BYTES_PER_SECOND, SERVE_BURST_BYTES, nowMillis);
        this.lastReceivedMillis = nowMillis;
        this.lastPingMillis = nowMillis;
    }

    String name() {
        return link.address();
    }

    boolean ready() {
        return ready && !closed;
    }

    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    Optional<WireMessage.Hello> hello() {
        return hello;
    }

    void helloReceived(WireMessage.Hello h) {
        hello = Optional.of(h);
        best(h.bestHeight(), h.bestHash());
        ready = ackReceived;
    }

    /** Returns false for a second acknowledgement. */
    boolean ackReceived() {
        if (ackReceived) {
            return false;
        }
        ackReceived = true;
        ready = hello.isPresent();
        return true;
    }

    void best(Height height, Hash hash) {
        bestHeight = height;
        bestHash = hash;
    }

    Height bestHeight() {
        return bestHeight;
    }

    Hash bestHash() {
        return bestHash;
    }

    void markUseful(long nowMillis) {
        lastUsefulMillis = nowMillis;
    }

    long lastUsefulMillis() {
        return lastUsefulMillis;
    }

    /** Adds misbehaviour points; returns the new score. */
    int addScore(int points) {
        return score.addAndGet(points);
    }

    int score() {
        return score.get();
    }

    PeerInfo info() {
        return new PeerInfo(
                link.address(),
                link.inbound(),
                ready(),
                bestHeight.value(),
                bestHash.toHex(),
                hello.map(h -> h.nodeId().toHex()).orElse(""),
                score.get());
    }
}
