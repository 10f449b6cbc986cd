package io.learnchain.node.p2p.netty;

import io.learnchain.node.p2p.PeerLink;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A TCP connection as a {@link PeerLink}: frames are written with their 4-byte length by the
 * pipeline. A peer that does not read what it asked for cannot make the node buffer without end:
 * once {@link NettyTransport#MAX_QUEUED_BYTES} bytes wait to be written to it (the channel is not
 * writable above that high-water mark), the next send closes the connection instead.
 */
final class NettyLink implements PeerLink {
    private static final int MAX_QUEUED_BYTES = NettyTransport.MAX_QUEUED_BYTES;

    private final Channel channel;
    private final boolean inbound;
    private final String address;
    private final String banKey;
    private volatile String closeReason;

    NettyLink(Channel channel, boolean inbound) {
        this.channel = channel;
        this.inbound = inbound;
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null
                    ? inet.getHostString()
                    : inet.getAddress().getHostAddress();
            this.address = (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
            boolean loopback = inet.getAddress() != null && inet.getAddress().isLoopbackAddress();
            this.banKey = loopback ? address : host;
        } else {
            this.address = String.valueOf(remote);
            this.banKey = address;
        }
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String banKey() {
        return banKey;
    }

    @Override
    public boolean inbound() {
        return inbound;
    }

    @Override
    public void send(byte[] message) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            close("the peer does not read what it asked for: more than " + (MAX_QUEUED_BYTES >> 20)
                    + " MiB wait to be sent to it");
            return;
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(message), channel.voidPromise());
    }

    @Override
    public void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        channel.close();
    }

    String closeReason() {
        return closeReason;
    }
}
