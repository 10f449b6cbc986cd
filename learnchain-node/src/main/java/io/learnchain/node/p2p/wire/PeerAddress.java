package io.learnchain.node.p2p.wire;

import java.util.Objects;

/** Where a peer listens: a host name or literal address and a TCP port. */
public record PeerAddress(String host, int port) {
    public static final int MAX_HOST_BYTES = 255;

    public PeerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.length() > MAX_HOST_BYTES) {
            throw new IllegalArgumentException(
                    "a peer host must be 1-" + MAX_HOST_BYTES + " characters, got '" + host + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("a peer port must be 1-65535, got " + port);
        }
    }

    /** Parses {@code HOST:PORT} (an IPv6 literal in brackets: {@code [::1]:9645}). */
    public static PeerAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a peer is HOST:PORT (e.g. 127.0.0.1:9645), got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new PeerAddress(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of peer '" + text + "' is not a number", e);
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
