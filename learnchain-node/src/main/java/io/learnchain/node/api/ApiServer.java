package io.learnchain.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.learnchain.base.codec.CodecException;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: REST under {@code /api/v1} (described by {@code /api/v1/openapi.json}), SSE at
 * {@code /api/v1/events}, Prometheus at {@code /metrics} and the dashboard's static files at {@code /}. Every error is JSON ({@link ErrorBody}); malformed input is a 400, never a 500.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** The dashboard's static files on the classpath, served at {@code /} (docs/dashboard.md). */
    static final String DASHBOARD_DIRECTORY = "/dashboard";
    /** Where the hand-written OpenAPI 3.1 description of every route is served. */
    public static final String OPENAPI_PATH = "/api/v1/openapi.json";
    /** The OpenAPI document on the classpath. */
    public static final String OPENAPI_RESOURCE = "/io/learnchain/node/api/openapi.json";

    private final Javalin app;
    private final List<Endpoint> endpoints;
    private final ApiToken token;

    private ApiServer(Javalin app, List<Endpoint> endpoints, ApiToken token) {
        this.app = app;
        this.endpoints = endpoints;
        this.token = token;
    }

    /** The token requests that change the node must carry. */
    public ApiToken token() {
        return token;
    }

    /** A registered route: an HTTP method and a path template such as {@code /api/v1/blocks/{id}}. */
    public record Endpoint(String method, String path) {}

    /**
     * Starts serving on {@code host:port} ({@code port} 0 picks a free one; see {@link #port()});
     * requests that change the node must carry {@code token}.
     */
    public static ApiServer start(String host, int port, NodeMetrics metrics, List<ApiRoutes> routes, ApiToken token) {
        ObjectMapper mapper = ApiJson.create();
        List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(config -> {
            config.events(events -> events.handlerAdded(info -> {
                if (info.getHttpMethod().isHttpMethod()) { // not the request guard's before-handler
                    endpoints.add(new Endpoint(info.getHttpMethod().name(), info.getPath()));
                }
            }));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = DASHBOARD_DIRECTORY;
                files.location = Location.CLASSPATH;
            });
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(mapper, true));
            config.router.ignoreTrailingSlashes = true;
            config.http.maxRequestSize = 1_000_000L;
        });
        installErrorHandling(app);
        RequestGuard guard = new RequestGuard(host, token);
        app.before(guard::check);
        byte[] openApi = openApiDocument();
        app.get(OPENAPI_PATH, ctx -> ctx.contentType("application/json").result(openApi));
        app.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape()));
        routes.forEach(r -> r.register(app));
        app.start(host, port);
        LOG.info("API listening on http://{}:{}/api/v1", host, app.port());
        return new ApiServer(app, endpoints, token);
    }

    /** The OpenAPI document's bytes (a missing resource is a packaging bug, not a user error). */
    public static byte[] openApiDocument() {
        try (InputStream in = ApiServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + OPENAPI_RESOURCE + "; rebuild learnchain-node");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }

    private static void installErrorHandling(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.code(), e.getMessage()));
        app.exception(
                JsonProcessingException.class,
                (e, ctx) -> respond(
                        ctx,
                        400,
                        "malformed_json",
                        "the request body is not valid JSON for this endpoint: " + e.getOriginalMessage()
                                + ". Send a JSON object as docs/api.md shows."));
        app.exception(
                CodecException.class,
                (e, ctx) -> respond(
                        ctx, 400, "bad_request", "the bytes are not a valid canonical encoding: " + e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, 400, "bad_request", e.getMessage()));
        app.exception(BadRequestResponse.class, (e, ctx) -> respond(ctx, 400, "bad_request", e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> respondHttp(ctx, e));
        app.exception(StorageException.class, (e, ctx) -> {
            LOG.error("API {} {}: storage failure: {}", ctx.method(), ctx.path(), e.getMessage());
            respond(ctx, 503, "storage_failure", e.getMessage());
        });
        // a blob or file the node cannot read (a damaged blob names itself and what to do): storage, not a bug
        app.exception(UncheckedIOException.class, (e, ctx) -> {
            String message =
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            LOG.error("API {} {}: storage failure: {}", ctx.method(), ctx.path(), message);
            respond(ctx, 503, "storage_failure", message);
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("API {} {} failed", ctx.method(), ctx.path(), e);
            respond(
                    ctx,
                    500,
                    "internal_error",
                    "the node failed to answer (" + e.getClass().getSimpleName()
                            + "); this is a bug, the node log has the details");
        });
        app.error(404, ctx -> {
            if (!isJson(ctx)) {
                respond(
                        ctx,
                        404,
                        "not_found",
                        "no endpoint " + ctx.method() + " " + ctx.path() + "; the endpoints are listed in docs/api.md");
            }
        });
        app.error(405, ctx -> {
            if (!isJson(ctx)) {
                respond(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
            }
        });
    }

    private static void respondHttp(Context ctx, HttpResponseException e) {
        switch (e.getStatus()) {
            case 404 -> respond(ctx, 404, "not_found", e.getMessage() + "; the endpoints are listed in docs/api.md");
            case 405 -> respond(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
            default -> respond(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage());
        }
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null
                && type.startsWith("application/json")
                && ctx.result() != null
                && !ctx.result().isEmpty();
    }

    static void respond(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ErrorBody(status, code, message));
    }

    /** Every route registered, in registration order (the OpenAPI contract test checks them against the file). */
    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** The port actually bound (useful when started with port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
