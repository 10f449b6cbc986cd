package io.learnchain.node.p2p;

/** The node cannot listen for peers on the configured address (the message says which and what to do). */
public final class PeerPortUnavailableException extends IllegalStateException {
    public PeerPortUnavailableException(String host, int port, Throwable cause) {
        super(
                "cannot listen for peers on " + host + ":" + port + " (" + cause.getMessage()
                        + "): another program uses that port; pass --p2p-port with a free one, or 0",
                cause);
    }
}
