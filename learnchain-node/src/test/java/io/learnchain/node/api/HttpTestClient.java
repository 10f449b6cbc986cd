package io.learnchain.node.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/** A tiny blocking HTTP client for API tests. */
final class HttpTestClient {
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** A client of the node on {@code port}, with the token the node left in its cookie file. */
    HttpTestClient(int port) {
        this(port, readCookie(port));
    }

    HttpTestClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    private static String readCookie(int port) {
        try {
            return Files.readString(ApiCookies.runFile(port)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the node on port " + port + " left no API cookie", e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
