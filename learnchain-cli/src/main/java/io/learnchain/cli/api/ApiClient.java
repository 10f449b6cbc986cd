package io.learnchain.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.api.ApiCookies;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** A small client of a node's REST API ({@code /api/v1}); failures become {@link UserException}s. */
public final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final URI base;
    private final HttpClient http;
    private final Optional<Path> cookie;

    /** A client of the node at {@code baseUrl}; requests that change the node carry its token (see {@link #tokenFile}). */
    public ApiClient(String baseUrl) {
        this(baseUrl, Optional.empty());
    }

    /** As {@link #ApiClient(String)}, with the token read from {@code cookie} when given. */
    public ApiClient(String baseUrl, Optional<Path> cookie) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.base = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new UserException("--api " + baseUrl + " is not a URL: use e.g. http://127.0.0.1:8545");
        }
        if (base.getScheme() == null
                || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
            throw new UserException("--api " + baseUrl + " must start with http:// or https://");
        }
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.cookie = cookie;
    }

    /**
     * Where the token of the node is read from: {@code --api-cookie FILE} when given, else the cookie
     * a node on this machine leaves for its API port ({@code ~/.learnchain/run/api-PORT.cookie}).
     */
    Optional<Path> tokenFile() {
        if (cookie.isPresent()) {
            return cookie;
        }
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        boolean local =
                host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
        int port = base.getPort() > 0 ? base.getPort() : base.getScheme().equals("https") ? 443 : 80;
        return local ? Optional.of(ApiCookies.runFile(port)) : Optional.empty();
    }

    private Optional<String> token() {
        Optional<Path> file = tokenFile();
        if (file.isEmpty() || cookie.isEmpty() && !Files.exists(file.get())) {
            return Optional.empty(); // the node will say what it needs
        }
        try {
            return Optional.of(
                    Files.readString(file.get(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UserException("cannot read the node's API token from " + file.get() + " (" + e.getMessage()
                    + "): pass --api-cookie with the node's DATADIR/api.cookie");
        }
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofSeconds(30)), false);
    }

    /** The raw bytes of {@code path} (model files); errors as for {@link #get}. */
    public byte[] getBytes(String path) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path))
                .GET()
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new UserException("no learnchain node answers at " + base
                    + ": start one (./learnchain node --dev) or point --api at a running node");
        } catch (IOException e) {
            throw new UserException("cannot reach the node at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while waiting for the node at " + base);
        }
        if (response.statusCode() >= 400) {
            JsonNode body = parse(new String(response.body(), StandardCharsets.UTF_8));
            String message = body != null && body.hasNonNull("message")
                    ? body.get("message").asText()
                    : "status " + response.statusCode();
            throw new UserException("the node refused the request (" + response.statusCode() + "): " + message);
        }
        return response.body();
    }

    /** Like {@link #get} but a 404 gives {@code null} instead of an error. */
    public JsonNode getIfPresent(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofSeconds(30)), true);
    }

    public JsonNode post(String path, Object body) {
        return post(path, body, Duration.ofSeconds(30));
    }

    /** {@link #post(String, Object)} for a request the node takes long over (a private task's encryption). */
    public JsonNode post(String path, Object body, Duration timeout) {
        try {
            String json = MAPPER.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
            return send(request.timeout(timeout), false);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, boolean notFoundIsNull) {
        HttpRequest req = request.build();
        HttpResponse<String> response;
        try {
            response = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new UserException("no learnchain node answers at " + base
                    + ": start one (./learnchain node --dev) or point --api at a running node");
        } catch (HttpTimeoutException e) {
            throw new UserException("the node at " + base + " did not answer in time; is it overloaded?");
        } catch (IOException e) {
            throw new UserException("cannot reach the node at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while waiting for the node at " + base);
        }
        JsonNode body = parse(response.body());
        if (notFoundIsNull && response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() >= 400) {
            String message = body != null && body.hasNonNull("message")
                    ? body.get("message").asText()
                    : response.body();
            throw new UserException("the node refused the request (" + response.statusCode() + "): " + message);
        }
        if (body == null) {
            throw new UserException("the node at " + base + " answered " + req.uri()
                    + " with something other than JSON; is --api a learnchain node?");
        }
        return body;
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
