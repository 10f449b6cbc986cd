package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.node.p2p.wire.WireCodec;
import io.learnchain.node.p2p.wire.WireLimits;
import io.learnchain.node.p2p.wire.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A test peer that speaks the wire protocol by hand to one {@link PeerService} and can send any
 * bytes (SCENARIOS.md's "scripted peer"). What the node sends it is decoded and kept.
 */
final class ScriptedPeer implements PeerLink {
    static final WireCodec CODEC = new WireCodec(WireLimits.DEFAULT);
    final String address;
    final List<WireMessage> received = new ArrayList<>();
    PeerService node;
    String closedBecause;

    ScriptedPeer(String address) {
        this.address = address;
    }

    /** Connects as an inbound peer of {@code service}. */
    ScriptedPeer connectTo(PeerService service) {
        this.node = service;
        service.onConnected(this);
        return this;
    }

    /** Completes the handshake claiming {@code height} and {@code best}. */
    ScriptedPeer handshake(Hash chainId, long height, Hash best) {
        tell(new WireMessage.Hello(
                WireCodec.PROTOCOL_VERSION, chainId, Height.of(height), best, Hash.sha256(address.getBytes()), 0));
        tell(WireMessage.HelloAck.accept());
        return this;
    }

    /** Sends {@code message} to the node. */
    void tell(WireMessage message) {
        tellRaw(CODEC.encode(message));
    }

    /** Sends any bytes to the node as one frame. */
    void tellRaw(byte[] bytes) {
        node.onMessage(this, bytes);
    }

    boolean closed() {
        return closedBecause != null;
    }

    <T extends WireMessage> List<T> receivedOf(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String banKey() {
        return address;
    }

    @Override
    public boolean inbound() {
        return true;
    }

    @Override
    public void send(byte[] message) {
        if (closedBecause == null) {
            received.add(CODEC.decode(message));
        }
    }

    @Override
    public void close(String reason) {
        if (closedBecause == null) {
            closedBecause = reason;
            node.onClosed(this);
        }
    }
}
