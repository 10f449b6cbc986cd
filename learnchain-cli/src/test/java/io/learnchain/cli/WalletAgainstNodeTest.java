package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wallet commands against a real in-process dev node (1 s blocks): create, send, see the balance. */
class WalletAgainstNodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private LearnchainNode node;
    private String api;

    @BeforeEach
    void startNode() {
        node = LearnchainNode.start(NodeConfig.dev(Optional.empty(), 0, 1));
        api = "http://127.0.0.1:" + node.apiPort();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void sendsCoinsToANewWalletAndShowsTheBalance() throws Exception {
        Path password = Files.writeString(tmp.resolve("pw"), "correct horse\n");
        String wallets = tmp.resolve("wallets").toString();
        Cli.Run created = Cli.run(
                "wallet",
                "new",
                "--name",
                "alice",
                "--wallet-dir",
                wallets,
                "--password-file",
                password.toString(),
                "--iterations",
                "2000",
                "--json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String alice = JSON.readTree(created.out().strip()).get("address").asText();

        Cli.Run sent =
                Cli.run("wallet", "send", "--from", "dev:1", "--to", alice, "--amount", "12.5", "--api", api, "--json");
        assertThat(sent.exitCode()).as(sent.err()).isZero();

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (node.account(Address.parse(alice)).balance().isZero() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(node.account(Address.parse(alice)).balance()).isEqualTo(Amount.parse("12.5"));
        Cli.Run balance = Cli.run("wallet", "balance", "alice", "--wallet-dir", wallets, "--api", api, "--json");
        JsonNode b = JSON.readTree(balance.out().strip());
        assertThat(b.get("balance").asText()).isEqualTo("12.5");
        assertThat(b.get("balanceUnits").asLong()).isEqualTo(1_250_000_000L);
    }

    @Test
    void wrongPasswordIsAUserErrorAndSendsNothing() throws Exception {
        String wallets = tmp.resolve("wallets").toString();
        Cli.run(
                "wallet",
                "new",
                "--name",
                "bob",
                "--wallet-dir",
                wallets,
                "--password-file",
                Files.writeString(tmp.resolve("pw"), "right\n").toString(),
                "--iterations",
                "2000");
        Cli.Run sent = Cli.run(
                "wallet",
                "send",
                "--from",
                "bob",
                "--to",
                Address.of(DevAccounts.keys(2).publicKey()).toString(),
                "--amount",
                "1",
                "--wallet-dir",
                wallets,
                "--password-file",
                Files.writeString(tmp.resolve("pw2"), "wrong\n").toString(),
                "--api",
                api);
        assertThat(sent.exitCode()).isEqualTo(2);
        assertThat(sent.err()).contains("wrong password for wallet 'bob'");
        assertThat(node.chain().mempool().size()).isZero();
    }

    @Test
    void overspendIsRefusedByTheNodeWithItsReason() {
        Cli.Run sent = Cli.run(
                "wallet",
                "send",
                "--from",
                "dev:3",
                "--to",
                Address.of(DevAccounts.keys(4).publicKey()).toString(),
                "--amount",
                "99999999",
                "--api",
                api);
        assertThat(sent.exitCode()).isEqualTo(2);
        assertThat(sent.err())
                .contains("refused the request (422)")
                .contains("has 1000000")
                .contains("needs 99999999.0001");
        assertThat(node.chain().mempool().size()).isZero();
    }
}
