package io.learnchain.cli.node;

import io.learnchain.cli.common.UserException;
import io.learnchain.node.chain.VerifyLevel;
import io.learnchain.node.p2p.P2pConfig;
import io.learnchain.node.p2p.wire.PeerAddress;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The peer-protocol options of {@code learnchain node}. */
public final class PeerOptions {
    @Option(
            names = "--peer",
            paramLabel = "HOST:PORT",
            description = "A peer to connect to and stay connected to (repeatable); joins an existing network.")
    List<String> peers = List.of();

    @Option(
            names = "--p2p-port",
            paramLabel = "PORT",
            description = "Peer protocol port (default: the API port + 1000, i.e. 9645; 0 picks a free one; -1 turns "
                    + "the peer protocol off). A --dev node without --peer runs alone unless this is given.")
    Integer p2pPort;

    @Option(
            names = "--p2p-host",
            paramLabel = "HOST",
            description =
                    "Interface the peer port binds to (default: the API host; 0.0.0.0 to accept peers from other machines).")
    String p2pHost;

    @Option(
            names = "--verify",
            paramLabel = "LEVEL",
            defaultValue = "segments",
            description = "How blocks are verified: segments (the consensus checks: each claimed score, the "
                    + "training accuracy on a chain-chosen sample, and the replay of the 6 training segments "
                    + "the chain challenged) or replay (also re-train each synced model from its record, "
                    + "checkpoint by checkpoint; default: ${DEFAULT-VALUE}).")
    String verify;

    /** The peer settings, or empty when this node runs alone. */
    Optional<P2pConfig> config(boolean dev, String apiHost, int apiPort) {
        VerifyLevel level;
        List<PeerAddress> addresses;
        try {
            level = VerifyLevel.parse(verify);
            addresses = peers.stream().map(PeerAddress::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        int port;
        if (p2pPort != null) {
            port = p2pPort;
        } else if (dev && addresses.isEmpty()) {
            return Optional.empty();
        } else {
            port = apiPort > 0 && apiPort + 1000 <= 65_535 ? apiPort + 1000 : 0;
        }
        if (port == -1) {
            if (!addresses.isEmpty()) {
                throw new UserException("--p2p-port -1 turns the peer protocol off, but --peer asks to join a network: "
                        + "drop one of them");
            }
            return Optional.empty();
        }
        if (port < 0 || port > 65_535) {
            throw new UserException("--p2p-port must be 0-65535 (0 = any free port) or -1 (off), got " + port);
        }
        return Optional.of(P2pConfig.defaults(P2pConfig.randomNodeId(), port, addresses, level)
                .withListenHost(p2pHost != null ? p2pHost : apiHost));
    }
}
