package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.Mutations;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.clock.ManualClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChainApiTest {
    private static final KeyPair BOB = DevAccounts.keys(1);
    private static LearnchainNode node;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        NodeConfig config = NodeConfig.dev(Optional.empty(), 0, 10).withMinerKey(Optional.empty());
        node = LearnchainNode.start(config, new ManualClock(1_800_000_000_000L));
        http = new HttpTestClient(node.apiPort());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A transfer from dev account {@code from} with its next unused nonce (chain + pending). */
    private static synchronized SignedTransaction transfer(int from, long units) {
        KeyPair keys = DevAccounts.keys(from);
        var address = DevAccounts.address(from);
        long nonce = node.chain().account(address).nonce()
                + node.chain().mempool().pending(10_000).stream()
                        .filter(t -> t.body().senderAddress().equals(address))
                        .count();
        TxBody body = new TxBody(
                node.chain().genesis().chainId(),
                keys.publicKey(),
                nonce,
                Amount.ofUnits(10),
                new Transfer(DevAccounts.address(2), Amount.ofUnits(units)));
        return SignedTransaction.sign(body, keys);
    }

    private static String hexOf(SignedTransaction tx) {
        return Bytes.wrap(TransactionCodec.INSTANCE.encode(tx)).toHex();
    }

    private static Block mineBlock() {
        var head = node.chain().head();
        Block block = BlockAssembler.mine(
                        head.tip(),
                        node.chain().mempool().select(head.tip().state(), 100),
                        BOB,
                        1_799_999_000L + head.height().value() * 10,
                        node.chain().rules(),
                        1_000_000)
                .orElseThrow();
        node.chain().importBlock(block);
        return block;
    }

    @Test
    void reportsStatusWithChainIdAndHeight() {
        HttpResponse<String> r = http.get("/api/v1/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(node.chain().genesis().chainId().toHex()).contains("\"height\":");
    }

    @Test
    void answersMalformedJsonWith400() {
        HttpResponse<String> r = http.post("/api/v1/transactions", "{\"hex\": \"00");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("not valid JSON");
    }

    @Test
    void answersMalformedHexAndNonTransactionBytesWith400() {
        assertThat(http.post("/api/v1/transactions", "{\"hex\":\"zz\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> r = http.post("/api/v1/transactions", "{\"hex\":\"01020304\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("not a canonical signed transaction");
        assertThat(http.post("/api/v1/transactions", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void rejectsBadSignatureWith422AndClearMessage() {
        SignedTransaction good = transfer(0, 5);
        SignedTransaction forged = new SignedTransaction(good.body(), BOB.sign(new byte[] {1}));
        HttpResponse<String> r = http.post("/api/v1/transactions", "{\"hex\":\"" + hexOf(forged) + "\"}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("bad_signature").contains("private key");
    }

    @Test
    void answersUnknownAccountWith404AndMalformedAddressWith400() {
        String unknown = Address.of(KeyPair.fromSeed(new byte[32]).publicKey()).toString();
        HttpResponse<String> r = http.get("/api/v1/accounts/" + unknown);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("never received coins");
        HttpResponse<String> bad = http.get("/api/v1/accounts/lc1notanaddress");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("address");
    }

    @Test
    void showsPrefundedAccountWithDecimalAndUnitAmounts() {
        HttpResponse<String> r = http.get("/api/v1/accounts/" + DevAccounts.address(5));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"coins\":\"1000000\"").contains("\"units\":\"100000000000000\"");
    }

    @Test
    void acceptsSignedTransactionThenShowsItPendingThenIncluded() {
        SignedTransaction tx = transfer(3, 1234);
        HttpResponse<String> submitted = http.post("/api/v1/transactions", "{\"hex\":\"" + hexOf(tx) + "\"}");
        assertThat(submitted.statusCode()).isEqualTo(202);
        assertThat(submitted.body()).contains(tx.hash().toHex());
        assertThat(http.get("/api/v1/transactions/" + tx.hash().toHex()).body()).contains("\"status\":\"pending\"");
        assertThat(http.post("/api/v1/transactions", "{\"hex\":\"" + hexOf(tx) + "\"}")
                        .statusCode())
                .isEqualTo(409);
        Block block = mineBlock();
        HttpResponse<String> included =
                http.get("/api/v1/transactions/" + tx.hash().toHex());
        assertThat(included.body())
                .contains("\"status\":\"included\"")
                .contains(block.hash().toHex());
        HttpResponse<String> byHeight =
                http.get("/api/v1/blocks/" + block.header().height().value());
        assertThat(byHeight.statusCode()).isEqualTo(200);
        assertThat(byHeight.body())
                .contains(block.hash().toHex())
                .contains(tx.hash().toHex());
        assertThat(http.get("/api/v1/blocks/" + block.hash().toHex()).statusCode())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/blocks?limit=2").body())
                .contains(block.hash().toHex());
    }

    @Test
    void acceptsJsonFormOfSignedTransfer() {
        SignedTransaction tx = transfer(4, 100_000_000);
        String json = """
                {"transaction":{"chainId":"%s","senderKey":"%s","nonce":%d,"fee":"0.0000001","to":"%s",\
                "amount":"1","signature":"%s"}}""".formatted(
                        tx.body().chainId().toHex(),
                        tx.body().sender().toHex(),
                        tx.body().nonce(),
                        DevAccounts.address(2),
                        tx.signature().toHex());
        HttpResponse<String> r = http.post("/api/v1/transactions", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.body()).contains(tx.hash().toHex());
    }

    @Test
    void answersUnknownBlockWith404AndGarbageIdWith400() {
        assertThat(http.get("/api/v1/blocks/" + "ab".repeat(32)).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/blocks/999999").body()).contains("the tip is at height");
        assertThat(http.get("/api/v1/blocks/xyz").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/blocks/0").body()).contains("\"genesis\":true");
        assertThat(http.get("/api/v1/blocks?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void streamsTransactionEventsOverSse() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.apiPort() + "/api/v1/events"))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("event: hello");
            SignedTransaction tx = transfer(6, 77);
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (line.contains(tx.hash().toHex())) {
                            return line;
                        }
                    }
                    return "";
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Thread.sleep(100);
            assertThat(http.post("/api/v1/transactions", "{\"hex\":\"" + hexOf(tx) + "\"}")
                            .statusCode())
                    .isEqualTo(202);
            assertThat(seen.get(10, TimeUnit.SECONDS)).startsWith("data: ");
        }
    }

    @Test
    void exposesChainMetrics() {
        assertThat(http.get("/metrics").body())
                .contains("learnchain_chain_height")
                .contains("learnchain_mempool_size");
    }

    @Test
    void listsMempool() {
        assertThat(http.get("/api/v1/mempool").statusCode()).isEqualTo(200);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {11, 12})
    void answersMutatedSubmissionsWith4xxNever5xx(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        SignedTransaction tx = transfer(7, 5);
        List<String> goods = List.of("{\"hex\":\"" + hexOf(tx) + "\"}", """
                {"transaction":{"chainId":"%s","senderKey":"%s","nonce":%d,"fee":"0.0000001","to":"%s",\
                "amount":"1","signature":"%s"}}""".formatted(
                        tx.body().chainId().toHex(),
                        tx.body().sender().toHex(),
                        tx.body().nonce(),
                        DevAccounts.address(2),
                        tx.signature().toHex()));
        for (int i = 0; i < 150; i++) {
            byte[] good = goods.get(i % 2).getBytes(StandardCharsets.UTF_8);
            String body = new String(Mutations.mutate(good, rng), StandardCharsets.ISO_8859_1);
            HttpResponse<String> r = http.post("/api/v1/transactions", body);
            assertThat(r.statusCode())
                    .as("seed %d, mutation %d: %s -> %s", seed, i, body, r.body())
                    .isBetween(200, 499);
            assertThat(r.body()).as("seed %d, mutation %d", seed, i).contains("\"");
        }
    }
}
