package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.chain.genesis.Genesis;
import io.learnchain.learn.tensor.LaneWidth;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes exit 2 with one line that says what was wrong and what to do, never a stack trace. */
class CliUserErrorsTest {
    @TempDir
    Path tmp;

    private static void assertUserError(Cli.Run run, String... phrases) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String p : phrases) {
            assertThat(run.err()).contains(p);
        }
    }

    @Test
    void aVectorWidthTheEngineHasNoKernelsForIsRefused() {
        String before = System.getProperty(LaneWidth.PROPERTY);
        System.setProperty(LaneWidth.PROPERTY, "300");
        try {
            assertUserError(
                    Cli.run("train", "--model", "mlp-small", "--steps", "1"),
                    "learnchain.vector.bits",
                    "[128, 256, 512]",
                    "LEARNCHAIN_JAVA_OPTS");
        } finally {
            if (before == null) {
                System.clearProperty(LaneWidth.PROPERTY);
            } else {
                System.setProperty(LaneWidth.PROPERTY, before);
            }
        }
    }

    @Test
    void aPeerPortInUseSaysWhichAndWhatToDo() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertUserError(
                    Cli.run("node", "--dev", "--api-port", "0", "--p2p-port", Integer.toString(busy.getLocalPort())),
                    "cannot listen for peers",
                    "--p2p-port");
        }
    }

    @Test
    void unknownOptionPointsAtHelp() {
        assertUserError(Cli.run("node", "--no-such-option"), "Unknown option", "--help");
    }

    @Test
    void nodeOnAnEmptyDataDirectoryWithoutGenesisSaysHowToStartAChain() {
        assertUserError(
                Cli.run("node", "--datadir", tmp.resolve("d").toString(), "--api-port", "0"),
                "holds no chain yet",
                "--genesis",
                "--dev");
    }

    @Test
    void malformedGenesisFileNamesTheFileAndTheProblem() throws Exception {
        Path genesis = Files.writeString(tmp.resolve("g.toml"), "chain-name = 'x'\nengine = 'warp'\n");
        assertUserError(
                Cli.run(
                        "node",
                        "--datadir",
                        tmp.resolve("d").toString(),
                        "--genesis",
                        genesis.toString(),
                        "--api-port",
                        "0"),
                "g.toml");
    }

    @Test
    void genesisWithAnUnknownEngineIsRefused() throws Exception {
        String template = Cli.run("chain", "genesis", "--dev").out().replace("engine = 'pole'", "engine = 'warp'");
        Path genesis = Files.writeString(tmp.resolve("g.toml"), template);
        assertUserError(
                Cli.run(
                        "node",
                        "--datadir",
                        tmp.resolve("d").toString(),
                        "--genesis",
                        genesis.toString(),
                        "--api-port",
                        "0"),
                "unknown engine 'warp'");
    }

    @Test
    void dqnDevEngineNeedsDevAndAKnownEnvironment() {
        assertUserError(
                Cli.run("node", "--engine", "dqn", "--api-port", "0"), "--engine applies to a new dev chain only");
        assertUserError(Cli.run("node", "--dev", "--engine", "warp", "--api-port", "0"), "pole or dqn");
        assertUserError(
                Cli.run("node", "--dev", "--engine", "dqn", "--env", "mars", "--api-port", "0"),
                "cartpole, gridworld or inventory");
    }

    @Test
    void malformedPeerAddressOrVerifyLevelSaysTheExpectedForm() {
        assertUserError(Cli.run("node", "--dev", "--api-port", "0", "--peer", "nohost"), "HOST:PORT");
        assertUserError(
                Cli.run("node", "--dev", "--api-port", "0", "--peer", "h:1", "--verify", "spot"), "segments or replay");
        assertUserError(
                Cli.run("node", "--dev", "--api-port", "0", "--peer", "h:1", "--p2p-port", "-1"),
                "turns the peer protocol off");
    }

    @Test
    void chainToolsOnAMissingDataDirectorySayWhichOne() {
        assertUserError(
                Cli.run("chain", "verify", "--datadir", tmp.resolve("none").toString()), "no data directory");
    }

    @Test
    void aDamagedDatabaseIsOneLineAndReindexSalvagesIt() throws Exception {
        Path datadir = tmp.resolve("node");
        try (LearnchainNode node = LearnchainNode.start(NodeConfig.offline(datadir, Genesis.devnet()))) {
            assertThat(node.chain().head().height().value()).isZero();
        }
        Files.writeString(datadir.resolve("chain").resolve("CURRENT"), "MANIFEST-999999\n");
        String[] start = {"node", "--datadir", datadir.toString(), "--no-mine", "--api-port", "0", "--p2p-port", "-1"};
        assertUserError(Cli.run(start), "is damaged", "MANIFEST-999999", "learnchain chain reindex");

        Cli.Run reindex = Cli.run("chain", "reindex", "--datadir", datadir.toString());
        assertThat(reindex.exitCode()).as(reindex.err()).isZero();
        assertThat(reindex.out())
                .contains("salvaged 0 block(s)")
                .contains("every record could be read")
                .contains(datadir.resolve("chain.damaged").toString());
        Cli.Run info = Cli.run("chain", "info", "--datadir", datadir.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
    }

    @Test
    void mistypedAddressIsRejectedWithAChecksumHint() {
        assertUserError(Cli.run("wallet", "balance", "lc1rtzvgju3xleppuvrfgndufvtjqxc5udj3k34wx"), "checksum");
    }

    @Test
    void unknownWalletSaysHowToCreateOne() {
        assertUserError(
                Cli.run("wallet", "show", "bob", "--wallet-dir", tmp.toString()),
                "no wallet 'bob'",
                "wallet new --name bob");
    }

    @Test
    void badDevAccountNameExplainsTheForm() {
        assertUserError(Cli.run("wallet", "show", "dev:x"), "dev:0");
    }

    @Test
    void unreachableNodeSaysHowToStartOne() {
        assertUserError(
                Cli.run("wallet", "balance", "dev:0", "--api", "http://127.0.0.1:1"),
                "no learnchain node answers",
                "node --dev");
    }
}
