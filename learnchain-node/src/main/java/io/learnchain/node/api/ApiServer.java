package io.learnchain.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.learnchain.base.codec.CodecException;
import io.learnchain.node.metrics.NodeMetrics;
import io.learnchain.node.storage.StorageException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: REST under {@code /api/v1}, SSE at {@code /api/v1/events}, Prometheus at
 * {@code /metrics}. Every error is JSON ({@link ErrorBody}); malformed input is a 400, never a 500.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String PLACEHOLDER_PAGE = """
            <!doctype html><html><head><meta charset="utf-8"><title>learnchain node</title></head>
            <body><h1>learnchain node</h1><p>The dashboard is not built yet. The API lives under
            <a href="/api/v1/status">/api/v1/status</a>; live events at /api/v1/events; metrics at
            <a href="/metrics">/metrics</a>.</p></body></html>
            """;

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /** Starts serving on {@code host:port} ({@code port} 0 picks a free one; see {@link #port()}). */
    public static ApiServer start(String host, int port, NodeMetrics metrics, List<ApiRoutes> routes) {
        ObjectMapper mapper = ApiJson.create();
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(mapper, true));
            config.router.ignoreTrailingSlashes = true;
            config.http.maxRequestSize = 1_000_000L;
        });
        installErrorHandling(app);
        app.get("/", ctx -> ctx.html(PLACEHOLDER_PAGE));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        routes.forEach(r -> r.register(app));
        app.start(host, port);
        LOG.info("API listening on http://{}:{}/api/v1", host, app.port());
        return new ApiServer(app);
    }

    private static void installErrorHandling(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.code(), e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) -> respond(ctx, 400, "malformed_json",
                "the request body is not valid JSON for this endpoint: " + e.getOriginalMessage()
                        + ". Send a JSON object as docs/api.md shows."));
        app.exception(CodecException.class, (e, ctx) -> respond(ctx, 400, "bad_request",
                "the bytes are not a valid canonical encoding: " + e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, 400, "bad_request", e.getMessage()));
        app.exception(BadRequestResponse.class, (e, ctx) -> respond(ctx, 400, "bad_request", e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> respondHttp(ctx, e));
        app.exception(StorageException.class, (e, ctx) -> {
            LOG.error("API {} {}: storage failure: {}", ctx.method(), ctx.path(), e.getMessage());
            respond(ctx, 503, "storage_failure", e.getMessage());
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("API {} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal_error", "the node failed to answer (" + e.getClass().getSimpleName()
                    + "); this is a bug, the node log has the details");
        });
        app.error(404, ctx -> {
            if (!isJson(ctx)) {
                respond(ctx, 404, "not_found", "no endpoint " + ctx.method() + " " + ctx.path()
                        + "; the endpoints are listed in docs/api.md");
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
        return type != null && type.startsWith("application/json") && ctx.result() != null && !ctx.result().isEmpty();
    }

    static void respond(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ErrorBody(status, code, message));
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
