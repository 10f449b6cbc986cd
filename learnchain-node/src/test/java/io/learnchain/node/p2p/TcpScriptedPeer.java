package io.learnchain.node.p2p;

import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.node.p2p.wire.WireCodec;
import io.learnchain.node.p2p.wire.WireLimits;
import io.learnchain.node.p2p.wire.WireMessage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A scripted peer over a real TCP socket: writes any bytes, reads the node's frames. */
final class TcpScriptedPeer implements AutoCloseable {
    static final WireCodec CODEC = new WireCodec(WireLimits.DEFAULT.withMaxFrameBytes(64 << 20));
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    TcpScriptedPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] frame(byte[] message) {
        return ByteBuffer.allocate(4 + message.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(message.length)
                .put(message)
                .array();
    }

    void send(WireMessage message) throws IOException {
        write(frame(CODEC.encode(message)));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    WireMessage read() throws IOException {
        byte[] len = new byte[4];
        in.readFully(len);
        int n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] body = new byte[n];
        in.readFully(body);
        return CODEC.decode(body);
    }

    /** Reads until a message of {@code type} arrives. */
    <T extends WireMessage> T readUntil(Class<T> type) throws IOException {
        while (true) {
            WireMessage m = read();
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
    }

    /** Sends Hello and HelloAck and waits for the node's acknowledgement. */
    WireMessage.HelloAck handshake(Hash chainId, String name) throws IOException {
        send(new WireMessage.Hello(
                WireCodec.PROTOCOL_VERSION, chainId, Height.GENESIS, chainId, Hash.sha256(name.getBytes()), 0));
        WireMessage.HelloAck ack = readUntil(WireMessage.HelloAck.class);
        if (ack.accepted()) {
            send(WireMessage.HelloAck.accept());
        }
        return ack;
    }

    /** Whether the node closes the connection within {@code millis} (frames it still sends are skipped). */
    boolean closedWithin(long millis) throws IOException {
        socket.setSoTimeout((int) millis);
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    /** Round-trip time of one ping in milliseconds. */
    long ping(long nonce) throws IOException {
        long start = System.nanoTime();
        send(new WireMessage.Ping(nonce));
        while (true) {
            WireMessage m = read();
            if (m instanceof WireMessage.Pong p && p.nonce() == nonce) {
                return (System.nanoTime() - start) / 1_000_000;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
