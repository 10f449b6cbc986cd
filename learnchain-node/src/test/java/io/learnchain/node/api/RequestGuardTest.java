package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.node.metrics.NodeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A web page the operator visits cannot drive the node: a cross-origin request that would change
 * something is refused before it reaches a route, and so is any request addressed to a name other
 * than the node's own (DNS rebinding); the CLI (no Origin) and the node's own dashboard (same
 * origin) are not affected.
 */
class RequestGuardTest {
    private final AtomicInteger changes = new AtomicInteger();
    private final ApiToken token = ApiToken.random();
    private ApiServer server;

    @BeforeEach
    void start() {
        ApiRoutes routes = app -> {
            app.post("/api/v1/change", ctx -> ctx.json(changes.incrementAndGet()));
            app.get("/api/v1/read", ctx -> ctx.json("ok"));
        };
        server = ApiServer.start("127.0.0.1", 0, new NodeMetrics(), List.of(routes), token);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String bearer() {
        return "Bearer " + token.value();
    }

    private HttpResponse<String> post(String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/change"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCrossOriginSimpleRequestChangesNothing() throws Exception {
        HttpResponse<String> r = post("Origin", "http://evil.example", "Content-Type", "text/plain");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("forbidden_origin", "http://evil.example");
        assertThat(post("Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(post("Origin", "null").statusCode()).isEqualTo(403);
        assertThat(changes).hasValue(0);
    }

    @Test
    void theCliAndTheNodesOwnPagesStillWork() throws Exception {
        assertThat(post("Authorization", bearer(), "Content-Type", "application/json")
                        .statusCode())
                .as("no Origin: the CLI, curl")
                .isEqualTo(200);
        assertThat(post(
                                "Origin",
                                "http://127.0.0.1:" + server.port(),
                                "Sec-Fetch-Site",
                                "same-origin",
                                "Authorization",
                                bearer(),
                                "Content-Type",
                                "application/json; charset=utf-8")
                        .statusCode())
                .as("the dashboard served by this node")
                .isEqualTo(200);
        assertThat(changes).hasValue(2);
    }

    @Test
    void changingTheNodeNeedsItsToken() throws Exception {
        HttpResponse<String> none = post("Content-Type", "application/json");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body())
                .contains("unauthorized", ApiCookies.runFile(server.port()).toString());
        assertThat(post(
                                "Content-Type",
                                "application/json",
                                "Authorization",
                                "Bearer " + ApiToken.random().value())
                        .statusCode())
                .as("another node's token")
                .isEqualTo(401);
        assertThat(post("Content-Type", "application/json", "Authorization", token.value())
                        .statusCode())
                .as("not a bearer credential")
                .isEqualTo(401);
        assertThat(changes).hasValue(0);
        assertThat(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/read"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("reading needs no token")
                .isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotJsonIsNeverParsed() throws Exception {
        HttpResponse<String> form =
                post("Authorization", bearer(), "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("unsupported_media_type", "application/json");
        assertThat(post("Authorization", bearer(), "Content-Type", "text/plain").statusCode())
                .isEqualTo(415);
        assertThat(post("Authorization", bearer()).statusCode())
                .as("a body without a content type")
                .isEqualTo(415);
        assertThat(changes).hasValue(0);
    }

    @Test
    void aRequestForAnotherNameIsRefusedEvenForReading() throws Exception {
        assertThat(rawStatus("GET", "rebind.evil.example:" + server.port())).isEqualTo(403);
        assertThat(rawStatus("POST", "rebind.evil.example:" + server.port())).isEqualTo(403);
        assertThat(rawStatus("GET", "localhost:" + server.port())).isEqualTo(200);
        assertThat(rawStatus("GET", "127.0.0.1:" + server.port())).isEqualTo(200);
        assertThat(rawStatus("GET", "[::1]:" + server.port())).isEqualTo(200);
        assertThat(changes).hasValue(0);
    }

    @Test
    void aChunkedBodyIsRefusedBeforeItIsRead() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            String request = "POST /api/v1/change HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 411").contains("length_required");
        }
        assertThat(changes).hasValue(0);
    }

    @Test
    void hostNamesAndIpLiterals() {
        assertThat(RequestGuard.hostName("LocalHost:8645")).isEqualTo("localhost");
        assertThat(RequestGuard.hostName("[::1]:8645")).isEqualTo("[::1]");
        assertThat(RequestGuard.isIpLiteral("10.0.0.7")).isTrue();
        assertThat(RequestGuard.isIpLiteral("[fe80::1]")).isTrue();
        assertThat(RequestGuard.isIpLiteral("256.1.1.1")).isFalse();
        assertThat(RequestGuard.isIpLiteral("1.2.3.evil.example")).isFalse();
    }

    /** The status code of a request with a Host header of our choosing (HttpClient will not set one). */
    private int rawStatus(String method, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            String body = method.equals("POST") ? "{}" : "";
            String path = method.equals("POST") ? "/api/v1/change" : "/api/v1/read";
            String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body;
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
