package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.StoreCorruptedException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    record Echo(String text) {}

    private ApiServer server;
    private HttpTestClient http;

    @BeforeEach
    void start() {
        ApiRoutes echo = app -> {
            app.post("/api/v1/echo", ctx -> ctx.json(ctx.bodyAsClass(Echo.class)));
            app.get("/api/v1/boom", ctx -> {
                throw new IllegalStateException("kaboom");
            });
            app.get("/api/v1/disk", ctx -> {
                throw new StoreCorruptedException("/data/chain", "a block is unreadable");
            });
            app.get("/api/v1/blob", ctx -> {
                io.learnchain.base.Hash h = io.learnchain.base.Hash.sha256(new byte[] {1});
                throw new java.io.UncheckedIOException(
                        new io.learnchain.node.blob.CorruptBlobException("blobs/objects/ab/cd", h, h));
            });
        };
        ApiToken token = ApiToken.random();
        server = ApiServer.start("127.0.0.1", 0, new NodeMetrics(), List.of(echo), token);
        http = new HttpTestClient(server.port(), token.value());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDamagedBlobIsAStorageFailureThatSaysWhatToDo() {
        HttpResponse<String> response = http.get("/api/v1/blob");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("storage_failure", "is damaged", "Delete the file");
    }

    @Test
    void bindsAnEphemeralPort() {
        assertThat(server.port()).isPositive();
    }

    @Test
    void answersMalformedJsonWith400AndMessage() {
        HttpResponse<String> response = http.post("/api/v1/echo", "{\"text\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"malformed_json\"").contains("not valid JSON");
    }

    @Test
    void answersUnknownFieldWith400() {
        HttpResponse<String> response = http.post("/api/v1/echo", "{\"txt\":\"a\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("txt");
    }

    @Test
    void answersUnknownEndpointWithJson404() {
        HttpResponse<String> response = http.get("/api/v1/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"status\":404").contains("docs/api.md");
    }

    @Test
    void answersBugWith500WithoutLeakingStackTrace() {
        HttpResponse<String> response = http.get("/api/v1/boom");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("internal_error").doesNotContain("at io.learnchain");
    }

    @Test
    void answersStorageFailureWith503NamingStoreAndFix() {
        HttpResponse<String> response = http.get("/api/v1/disk");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .contains("storage_failure")
                .contains("/data/chain")
                .contains("reindex");
    }

    @Test
    void servesPrometheusMetrics() {
        HttpResponse<String> response = http.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("learnchain_blocks_connected_total");
    }

    @Test
    void echoesWellFormedJson() {
        HttpResponse<String> response = http.post("/api/v1/echo", "{\"text\":\"hi\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"text\":\"hi\"}");
    }

    @Test
    void servesTheDashboardAtTheRoot() {
        HttpResponse<String> response = http.get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body()).contains("<script type=\"module\" src=\"/js/app.js\">");
    }

    @Test
    void servesTheDashboardModulesAsJavaScript() {
        HttpResponse<String> response = http.get("/js/views/overview.js");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    }

    @Test
    void listsTheRegisteredEndpoints() {
        assertThat(server.endpoints())
                .contains(new ApiServer.Endpoint("POST", "/api/v1/echo"), new ApiServer.Endpoint("GET", "/metrics"));
    }

    @Test
    void answersUnknownApiPathWithJsonNotTheDashboard() {
        HttpResponse<String> response = http.get("/api/v1/blocks-nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error\":\"not_found\"");
    }
}
