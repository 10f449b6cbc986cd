package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.base.Amount;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.node.LearnchainNode;
import io.learnchain.node.NodeConfig;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.mempool.Admission;
import io.learnchain.node.pole.PoleConfig;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API answers as /api/v1/openapi.json says: every route Javalin serves is in the file and every
 * operation in the file is served; each operation's valid requests get a documented 2xx whose body
 * conforms to the schema; bad input (malformed path and query parameters, broken bodies, unknown
 * objects, undocumented methods) gets a documented 4xx {@code Error} with a message.
 */
class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");
    private static final PoleConfig FAST =
            PoleConfig.DEFAULT.withTraining(60, 32, 0.005f).withWindows(300, 200);
    static final String TASK = """
            {"model": "mlp-small", "dataset": "fashion-mnist-small", "rewardPerRound": "10", "rounds": 30,
             "minTrainingAccuracy": 0.2, "expectedSeconds": 1, "minPhaseSeconds": 0, "maxPhaseSeconds": 300}""";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LearnchainNode node;
    private static JsonNode document;
    private static SchemaValidator schemas;
    private static ContractRequests requests;

    /** A dev node (engine pole) whose own miner wins the rounds of a task it posted, quickly. */
    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        NodeConfig config = NodeConfig.dev(Optional.of(dir), 0, 1);
        node = LearnchainNode.start(config, Clock.system(), FAST);
        document = JSON.readTree(ApiServer.openApiDocument());
        schemas = new SchemaValidator(document);
        // a lifelong model first: while a task round is open only pole (or forfeit) blocks are valid
        LifelongContract lifelong = new LifelongContract(node);
        HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("/api/v1/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TASK))
                .build());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        SignedTransaction included = transfer(3, 0);
        node.chain().submitTransaction(included);
        awaitCondition(
                "task 1 has a decided round and the transfer is in a block",
                () -> node.chain().transaction(included.hash()).isPresent()
                        && JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/tasks/1"))
                                                        .GET()
                                                        .build())
                                                .body())
                                        .path("summary")
                                        .path("roundsDone")
                                        .asInt()
                                >= 1);
        SignedTransaction pending = transfer(4, 1); // a nonce gap: it stays pending
        assertThat(node.chain().submitTransaction(pending)).isInstanceOf(Admission.Accepted.class);
        requests = new ContractRequests(node, lifelong, included, pending, transfer(5, 0));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitCondition(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 90 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void documentsEveryRegisteredRouteAndNothingElse() {
        Set<String> served = new TreeSet<>();
        node.apiEndpoints().forEach(e -> served.add(e.method() + " " + e.path()));
        assertThat(documentedOperations())
                .as("operations in openapi.json vs routes registered in Javalin")
                .containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void servesTheDocumentItDescribes() {
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(uri(ApiServer.OPENAPI_PATH)).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).isEqualTo(new String(ApiServer.openApiDocument(), StandardCharsets.UTF_8));
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(document.at(ref.substring(1)).isMissingNode())
                    .as("reference %s", ref)
                    .isFalse();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersValidRequestsAsDocumented() {
        return operations().filter(op -> !isEventStream(op)).flatMap(op -> {
            List<ContractRequests.Call> calls = requests.valid(op.id());
            assertThat(calls)
                    .as("valid requests for operation %s (add them to ContractRequests)", op.id())
                    .isNotEmpty();
            return calls.stream()
                    .map(call -> dynamicTest(op.id() + " " + call, () -> {
                        checkValid(op, call);
                        requests.restore(op.id()).ifPresent(undo -> send(undo.request(node.apiPort())));
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesBadInputWithA4xxMessage() {
        return operations()
                .flatMap(op -> badCalls(op).stream()
                        .map(call -> dynamicTest(op.id() + " " + call, () -> checkRefused(op, call))));
    }

    @Test
    void eventStreamSendsTheDocumentedEvents() throws Exception {
        JsonNode events = document.at("/paths/~1api~1v1~1events/get/responses/200/x-events");
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/events"))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<InputStream> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        Set<String> seen = new TreeSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            Map.Entry<String, JsonNode> hello = nextEvent(lines);
            assertThat(hello.getKey()).isEqualTo("hello");
            assertConforms(hello.getValue(), events.get("hello"), "the hello event");
            node.chain().submitTransaction(transfer(6, 0));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!seen.containsAll(List.of("transaction", "block")) && System.nanoTime() < deadline) {
                Map.Entry<String, JsonNode> event = nextEvent(lines);
                assertThat(events.has(event.getKey()))
                        .as("event %s is documented", event.getKey())
                        .isTrue();
                assertConforms(event.getValue(), events.get(event.getKey()), "the " + event.getKey() + " event");
                seen.add(event.getKey());
            }
        }
        assertThat(seen).contains("transaction", "block");
    }

    private void checkValid(Operation op, ContractRequests.Call call) throws IOException {
        HttpResponse<String> r = send(call.request(node.apiPort()));
        JsonNode response = op.node().path("responses").path(Integer.toString(r.statusCode()));
        assertThat(r.statusCode())
                .as("%s %s -> %s", op.method(), call, r.body())
                .isBetween(200, 299);
        assertThat(response.isMissingNode())
                .as("status %d of %s is documented", r.statusCode(), op.id())
                .isFalse();
        JsonNode content = schemas.resolve(response).path("content");
        String type = r.headers().firstValue("Content-Type").orElse("");
        List<String> documented = new ArrayList<>();
        content.fieldNames().forEachRemaining(documented::add);
        String documentedType = documented.stream()
                .filter(type::startsWith)
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError(op.id() + " " + call + " answered " + type + "; documented: " + documented));
        if (documentedType.equals("application/json")) {
            assertConforms(JSON.readTree(r.body()), content.path(documentedType).path("schema"), op.id() + " " + call);
        } else {
            assertThat(r.body()).as("body of %s", op.id()).isNotEmpty();
        }
    }

    private void checkRefused(Operation op, ContractRequests.Call call) throws IOException {
        HttpResponse<String> r = send(call.request(node.apiPort()));
        assertThat(r.statusCode()).as("%s -> %s", call, r.body()).isBetween(400, 499);
        if (!call.undocumentedMethod()) {
            assertThat(op.node().path("responses").has(Integer.toString(r.statusCode())))
                    .as("status %d of %s for %s is documented", r.statusCode(), op.id(), call)
                    .isTrue();
        }
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertConforms(JSON.readTree(r.body()), document.at("/components/schemas/Error"), "error of " + call);
        assertThat(JSON.readTree(r.body()).path("status").asInt()).isEqualTo(r.statusCode());
    }

    /** Generic bad input from the operation's parameters and body, plus the operation's own cases. */
    private List<ContractRequests.Call> badCalls(Operation op) {
        List<ContractRequests.Call> calls = new ArrayList<>(requests.invalid(op.id()));
        ContractRequests.Call valid = requests.valid(op.id()).getFirst();
        for (JsonNode p : op.node().path("parameters")) {
            String name = p.path("name").asText();
            if (p.path("in").asText().equals("path")) {
                calls.add(valid.withPathParam(name, "not-a-" + name + "-%21"));
            } else if (p.path("schema").path("type").asText().equals("integer")) {
                calls.add(valid.withQuery(name, "abc"));
                calls.add(valid.withQuery(name, "-1"));
                if (p.path("schema").has("maximum")) {
                    calls.add(valid.withQuery(
                            name, Long.toString(p.path("schema").path("maximum").asLong() + 1)));
                }
            }
        }
        if (op.node().has("requestBody")) {
            calls.add(valid.withBody("{"));
            calls.add(valid.withBody("{\"unexpectedField\": 1}"));
            calls.add(valid.withBody("[]"));
        }
        for (String method : METHODS) {
            if (!op.path().equals("/metrics")
                    && document.path("paths").path(op.path()).path(method).isMissingNode()) {
                calls.add(valid.withMethod(method.toUpperCase(Locale.ROOT)));
                break;
            }
        }
        return calls;
    }

    /** The SSE stream stays open; {@link #eventStreamSendsTheDocumentedEvents} reads its events instead. */
    private static boolean isEventStream(Operation op) {
        return op.node().path("responses").path("200").path("content").has("text/event-stream");
    }

    record Operation(String method, String path, String id, JsonNode node) {}

    private static Stream<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().path(method);
                if (!op.isMissingNode()) {
                    out.add(new Operation(
                            method.toUpperCase(Locale.ROOT),
                            path.getKey(),
                            op.path("operationId").asText(),
                            op));
                }
            }
        }
        return out.stream();
    }

    private static Set<String> documentedOperations() {
        Set<String> out = new TreeSet<>();
        operations().forEach(op -> out.add(op.method() + " " + op.path()));
        return out;
    }

    private static void assertConforms(JsonNode value, JsonNode schema, String what) {
        assertThat(schemas.problems(value, schema))
                .as("%s conforms to openapi.json: %s", what, value)
                .isEmpty();
    }

    private static Map.Entry<String, JsonNode> nextEvent(BufferedReader lines) throws IOException {
        String name = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:") && name != null) {
                return Map.entry(name, JSON.readTree(line.substring(5).strip()));
            }
        }
        throw new AssertionError("the event stream ended");
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.has("$ref")) {
            out.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, out));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.apiPort() + path);
    }

    /** Sends {@code request}; one that changes the node carries the token the node left in its cookie file. */
    private static HttpResponse<String> send(HttpRequest request) {
        try {
            if (!request.method().equals("GET")) {
                String token = Files.readString(ApiCookies.runFile(request.uri().getPort()))
                        .strip();
                request = HttpRequest.newBuilder(request, (name, value) -> true)
                        .header("Authorization", "Bearer " + token)
                        .build();
            }
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A transfer from dev account {@code from} with the nonce after its chain and pending ones. */
    static synchronized SignedTransaction transfer(int from, long extraNonce) {
        KeyPair keys = DevAccounts.keys(from);
        var address = DevAccounts.address(from);
        long nonce = node.chain().account(address).nonce()
                + node.chain().mempool().pending(10_000).stream()
                        .filter(t -> t.body().senderAddress().equals(address))
                        .count()
                + extraNonce;
        TxBody body = new TxBody(
                node.chain().genesis().chainId(),
                keys.publicKey(),
                nonce,
                Amount.ofUnits(10),
                new Transfer(DevAccounts.address(2), Amount.ofUnits(1_000)));
        return SignedTransaction.sign(body, keys);
    }

    static String hexOf(SignedTransaction tx) {
        return Bytes.wrap(TransactionCodec.INSTANCE.encode(tx)).toHex();
    }
}
