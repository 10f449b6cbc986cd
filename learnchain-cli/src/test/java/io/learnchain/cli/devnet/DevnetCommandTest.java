package io.learnchain.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetCommandTest {
    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(Map.of(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void refusesUnknownEnginesAndTasks() {
        assertThat(run("devnet", "--engine", "pow").err()).contains("unknown --engine 'pow'");
        Run task = run("devnet", "--task", "imagenet");
        assertThat(task.exitCode()).isEqualTo(2);
        assertThat(task.err()).contains("unknown --task 'imagenet'").contains("mlp-small");
    }

    @Test
    void namesTheBusyPortAndTheBasePortOptionBeforeStartingAnything(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            int base = port - 1;

            Run r = run(
                    "devnet",
                    "--engine",
                    "idle",
                    "--nodes",
                    "2",
                    "--base-port",
                    Integer.toString(base),
                    "--datadir",
                    dir.resolve("net").toString());

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err())
                    .contains("port " + port + " (node 1's API) is in use")
                    .contains("--base-port");
            assertThat(dir.resolve("net")).doesNotExist();
        }
    }

    @Test
    void startsEachNodeOnTheDevnetGenesisWithItsPortsKeyPeersAndTheParentWatch() {
        DevnetPlan plan = DevnetPlan.of(Path.of("/d"), 3, 8645);

        List<String> first = Devnet.nodeArgs(plan, plan.nodes().get(0), 4242);
        List<String> last = Devnet.nodeArgs(plan, plan.nodes().get(2), 4242);

        assertThat(String.join(" ", first))
                .isEqualTo("node --dev --genesis /d/genesis.toml --datadir /d/node-0 "
                        + "--api-port 8645 --p2p-port 9645 --miner-key dev:0 --parent-pid 4242 --json");
        assertThat(String.join(" ", last))
                .isEqualTo("node --dev --genesis /d/genesis.toml --datadir /d/node-2 "
                        + "--api-port 8647 --p2p-port 9647 --miner-key dev:2 --parent-pid 4242 --json "
                        + "--peer 127.0.0.1:9645 --peer 127.0.0.1:9646");
    }
}
