package io.learnchain.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds a --base-port whose API and peer ports are free on 127.0.0.1, for devnet tests run side by side. */
final class DevnetPorts {
    private DevnetPorts() {}

    static int freeBase(int nodes) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(30_000);
            if (allFree(base, nodes) && allFree(base + 1_000, nodes)) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of ports for " + nodes + " devnet nodes");
    }

    private static boolean allFree(int from, int count) {
        for (int port = from; port < from + count; port++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
