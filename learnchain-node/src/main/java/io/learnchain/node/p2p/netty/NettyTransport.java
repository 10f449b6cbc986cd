package io.learnchain.node.p2p.netty;

import io.learnchain.node.p2p.P2pConfig;
import io.learnchain.node.p2p.PeerPortUnavailableException;
import io.learnchain.node.p2p.PeerService;
import io.learnchain.node.p2p.wire.PeerAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer protocol over TCP with Netty: one server socket and outbound connections to the
 * configured peers, each kept up with reconnects that back off from 1 s to 60 s. Frames are a
 * 4-byte little-endian length and the message; a length over the frame limit fails the connection
 * at once (before the frame is buffered) and bans the sender. A connection that receives nothing
 * for the idle timeout is closed (peers ping every 20 s). The protocol itself is the
 * transport-agnostic {@link PeerService}.
 */
public final class NettyTransport implements AutoCloseable {
    /** Bytes queued for one peer above which it counts as not reading and is dropped (a few of the largest frames). */
    public static final int MAX_QUEUED_BYTES = 64 << 20;
    /** A link stops being writable above {@link #MAX_QUEUED_BYTES} queued bytes (see NettyLink.send). */
    private static final WriteBufferWaterMark WATER_MARK =
            new WriteBufferWaterMark(MAX_QUEUED_BYTES / 2, MAX_QUEUED_BYTES);

    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    private final PeerService service;
    private final P2pConfig config;
    private final EventLoopGroup group;
    private Channel server;
    private volatile boolean closed;

    public NettyTransport(PeerService service, P2pConfig config) {
        this.service = service;
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    /** Listens on {@code host}:{@code port} (0 = any free port); returns the port bound. */
    public int listen(String host, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(initializer(true, () -> {}));
        try {
            server = b.bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new PeerPortUnavailableException(host, port, e);
        }
        int bound = ((InetSocketAddress) server.localAddress()).getPort();
        LOG.info("peer protocol listening on {}:{}", host, bound);
        return bound;
    }

    /** Keeps a connection to {@code peer}, reconnecting with backoff whenever it drops or fails. */
    public void connect(PeerAddress peer) {
        dial(peer, new AtomicLong(1_000));
    }

    private void dial(PeerAddress peer, AtomicLong backoff) {
        if (closed) {
            return;
        }
        long[] openedAt = {0};
        Runnable redial = () -> {
            if (closed) {
                return;
            }
            if (openedAt[0] > 0 && System.nanoTime() - openedAt[0] > TimeUnit.SECONDS.toNanos(30)) {
                backoff.set(1_000);
            }
            long delay = backoff.getAndUpdate(d -> Math.min(MAX_BACKOFF_MILLIS, d * 2));
            group.schedule(() -> dial(peer, backoff), delay, TimeUnit.MILLISECONDS);
        };
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(10_000, config.handshakeTimeoutMillis()))
                .handler(initializer(false, redial));
        b.connect(peer.host(), peer.port()).addListener(f -> {
            if (f.isSuccess()) {
                openedAt[0] = System.nanoTime();
            } else {
                LOG.debug(
                        "cannot reach peer {}: {}; retrying in {} ms",
                        peer,
                        f.cause().getMessage(),
                        backoff.get());
                redial.run();
            }
        });
    }

    private ChannelInitializer<SocketChannel> initializer(boolean inbound, Runnable onClose) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                        .addLast(new IdleStateHandler(config.idleTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS))
                        .addLast(new HandshakeFrameDecoder(config.limits().maxFrameBytes()))
                        .addLast(new LengthFieldPrepender(ByteOrder.LITTLE_ENDIAN, 4, 0, false))
                        .addLast(new PeerChannelHandler(service, inbound, onClose));
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        if (server != null) {
            server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
