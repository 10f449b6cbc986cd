package io.learnchain.cli.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The namespace network itself, against a real TCP server in one host (the JDK's jwebserver) and
 * curl in another: the links have the delay they were given, a partition cuts them, healing restores
 * them, and loss costs retransmissions.
 */
class NamespaceNetworkTest {
    @Test
    void linksHaveTheirDelayAndPartitionsCutThem(@TempDir Path tmp) throws Exception {
        assumeThat(NamespaceNetwork.unavailable()).as("namespaces usable").isEmpty();
        try (NamespaceNetwork net = NamespaceNetwork.create(3, 1)) {
            List<String> server = new ArrayList<>(net.exec(1));
            server.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "jwebserver")
                            .toString(),
                    "-b",
                    "0.0.0.0",
                    "-p",
                    "8000",
                    "-d",
                    tmp.toString()));
            Process web = new ProcessBuilder(server).redirectErrorStream(true).start();
            try {
                String url = "http://" + NamespaceNetwork.address(1) + ":8000/";
                assertThat(awaitConnect(net, 0, url))
                        .as("connect time without delay, s")
                        .isLessThan(0.05);

                net.link(0, 40, 0);
                net.link(1, 60, 0);
                double connect = connectSeconds(net, 0, url);
                // one round trip: 100 ms each way
                assertThat(connect).as("connect time at 100 ms one way, s").isBetween(0.19, 0.6);
                assertThat(connectSeconds(net, 2, url))
                        .as("host 2's links have no delay of their own: 60 ms each way")
                        .isBetween(0.11, 0.5);

                net.sides(0, 1, 1);
                assertThat(connectSeconds(net, 0, url))
                        .as("cut off: no connection")
                        .isNaN();
                assertThat(connectSeconds(net, 2, url))
                        .as("same side: connects")
                        .isBetween(0.11, 0.5);

                net.sides(0, 0, 0);
                assertThat(connectSeconds(net, 0, url)).as("healed").isBetween(0.19, 0.6);
                System.out.println("namespace network: " + net.counters());
            } finally {
                web.destroyForcibly();
                web.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static double awaitConnect(NamespaceNetwork net, int host, String url) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            double t = connectSeconds(net, host, url);
            if (!Double.isNaN(t)) {
                return t;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the web server in host 1 never answered");
    }

    /** TCP connect time from {@code host} (curl's time_connect), or NaN when no connection within 2 s. */
    private static double connectSeconds(NamespaceNetwork net, int host, String url) {
        List<String> cmd = new ArrayList<>(net.exec(host));
        cmd.addAll(List.of("curl", "-s", "-o", "/dev/null", "--connect-timeout", "2", "-w", "%{time_connect}", url));
        NamespaceNetwork.Result r = NamespaceNetwork.run(cmd);
        double t = Double.parseDouble(r.output().strip());
        return r.code() == 0 && t > 0 ? t : Double.NaN;
    }
}
