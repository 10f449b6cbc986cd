package io.learnchain.node.p2p.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * The length-prefixed frame decoder, with a small limit on the first frames of a connection. A
 * handshake message is about 140 bytes, so until a peer has sent its {@value #HANDSHAKE_FRAMES}
 * handshake frames no frame may exceed {@value #HANDSHAKE_MAX_BYTES} bytes: a stranger cannot make
 * the node hold a 16 MiB frame per connection before anyone knows who it is. After that the
 * protocol's own limit applies (docs/p2p.md).
 */
final class HandshakeFrameDecoder extends LengthFieldBasedFrameDecoder {
    /** Frames a peer sends in the handshake (Hello, then its HelloAck). */
    static final int HANDSHAKE_FRAMES = 2;
    /** The largest frame before the handshake is done. */
    static final int HANDSHAKE_MAX_BYTES = 4_096;

    private int frames;

    HandshakeFrameDecoder(int maxFrameBytes) {
        super(ByteOrder.LITTLE_ENDIAN, maxFrameBytes + 4, 0, 4, 0, 4, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (frames < HANDSHAKE_FRAMES && in.readableBytes() >= 4) {
            long length = in.getUnsignedIntLE(in.readerIndex());
            if (length > HANDSHAKE_MAX_BYTES) {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("a frame of " + length + " bytes before the handshake is done (at most "
                        + HANDSHAKE_MAX_BYTES + ")");
            }
        }
        Object frame = super.decode(ctx, in);
        if (frame != null) {
            frames++;
        }
        return frame;
    }
}
