package io.learnchain.cli.devnet;

import io.learnchain.cli.common.UserException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks before any node starts that the devnet's ports are free on 127.0.0.1. */
final class PortCheck {
    private PortCheck() {}

    static void requireFree(DevnetPlan plan) {
        for (DevnetPlan.NodePlan node : plan.nodes()) {
            requireFree(node.apiPort(), "node " + node.index() + "'s API", plan);
            requireFree(node.p2pPort(), "node " + node.index() + "'s peer port", plan);
        }
    }

    private static void requireFree(int port, String what, DevnetPlan plan) {
        if (!isFree(port)) {
            throw new UserException("port " + port + " (" + what
                    + ") is in use on 127.0.0.1: another program (or another "
                    + "devnet) listens there. Stop it, or pass --base-port with a free range (the devnet uses "
                    + plan.basePort() + ".." + (plan.basePort() + plan.nodes().size() - 1) + " and "
                    + (plan.basePort() + DevnetPlan.P2P_OFFSET) + ".."
                    + (plan.basePort() + DevnetPlan.P2P_OFFSET + plan.nodes().size() - 1) + "), e.g. --base-port "
                    + (plan.basePort() + 100));
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
