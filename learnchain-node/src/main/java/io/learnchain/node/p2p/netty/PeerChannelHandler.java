package io.learnchain.node.p2p.netty;

import io.learnchain.node.p2p.PeerService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last handler of a peer pipeline: hands whole frames to the {@link PeerService}, reports closes and framing faults. */
final class PeerChannelHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(PeerChannelHandler.class);
    private final PeerService service;
    private final boolean inbound;
    private final Runnable onClose;
    private NettyLink link;

    PeerChannelHandler(PeerService service, boolean inbound, Runnable onClose) {
        this.service = service;
        this.inbound = inbound;
        this.onClose = onClose;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        link = new NettyLink(ctx.channel(), inbound);
        service.onConnected(link);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        service.onMessage(link, ByteBufUtil.getBytes(frame));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (link != null) {
            LOG.debug("connection {} closed: {}", link.address(), link.closeReason());
            service.onClosed(link);
        }
        onClose.run();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && link != null) {
            link.close("idle: nothing received within the idle timeout");
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (link == null) {
            ctx.close();
            return;
        }
        if (cause instanceof TooLongFrameException || cause instanceof DecoderException) {
            service.onFramingError(link, "bad framing: " + cause.getMessage());
        } else {
            LOG.debug("connection {} failed: {}", link.address(), cause.toString());
            link.close("connection error: " + cause.getMessage());
        }
    }
}
