package io.learnchain.node.api;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The API belongs to its operator: a web page the operator happens to visit must not drive it.
 *
 * <ul>
 *   <li>DNS rebinding: a request is answered only when its {@code Host} is an IP address,
 *       {@code localhost} or the name the API was told to listen on ({@code --api-host}); a page of
 *       {@code evil.example} rebound to 127.0.0.1 sends {@code Host: evil.example} and gets 403.</li>
 *   <li>Cross-site requests: a request that changes anything (every method but GET, HEAD and
 *       OPTIONS) is refused when the browser says it comes from another origin ({@code Origin}
 *       other than the address it was sent to, or {@code Sec-Fetch-Site: cross-site}). The
 *       dashboard is served from the node itself, so its requests are same-origin; the CLI and
 *       other programs send no {@code Origin} and are not affected.</li>
 *   <li>Body size: a body must come with a {@code Content-Length} (checked against the server's
 *       1 MB limit before anything is read); a chunked body, whose size is known only once it has
 *       been read, is refused with 411.</li>
 *   <li>The token: a request that changes anything must carry the node's {@link ApiToken}
 *       ({@code Authorization: Bearer TOKEN}; 401 without it). The CLI reads it from the cookie
 *       file ({@link ApiCookies}), the dashboard from the link the node prints; another local user
 *       or a page in the operator's browser has neither.</li>
 *   <li>Content type: a body sent to change something must be {@code application/json} (415
 *       otherwise), so no HTML form or "simple" cross-site request is ever parsed as one; the one
 *       exception, the ONNX import ({@link ModelRoutes#IMPORT_PATH}), takes
 *       {@code application/octet-stream}, which is not a "simple" type either.</li>
 * </ul>
 */
final class RequestGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final String listenHost;
    private final ApiToken token;

    RequestGuard(String listenHost, ApiToken token) {
        this.listenHost = listenHost.toLowerCase(Locale.ROOT);
        this.token = token;
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !allowedHost(hostName(host))) {
            throw new ApiException(
                    403,
                    "forbidden_host",
                    "this node's API answers requests addressed to its own address only (an IP address, localhost"
                            + " or --api-host), not to '" + host + "': open it as http://127.0.0.1:PORT/ or pass the"
                            + " name with --api-host");
        }
        String transferEncoding = ctx.header("Transfer-Encoding");
        if (transferEncoding != null
                && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            throw new ApiException(
                    411, "length_required", "send the body with a Content-Length header (at most 1 MB), not chunked");
        }
        if (SAFE_METHODS.contains(ctx.method().name())) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null") && !sameOrigin(origin, host)) {
            throw new ApiException(
                    403,
                    "forbidden_origin",
                    "a page from " + origin + " may not change this node; use the node's own dashboard or the CLI");
        }
        if ("null".equals(origin) || "cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
            throw new ApiException(
                    403,
                    "forbidden_origin",
                    "a cross-site request may not change this node; use the node's own dashboard or the CLI");
        }
        if (!token.authorizes(ctx.header("Authorization"))) {
            throw new ApiException(
                    401,
                    "unauthorized",
                    "changing this node needs its API token: the learnchain CLI reads it from "
                            + ApiCookies.runFile(port(ctx)) + " (or pass --api-cookie FILE, the node's"
                            + " DATADIR/api.cookie), other programs send 'Authorization: Bearer TOKEN', and the"
                            + " dashboard gets it from the link the node printed at start");
        }
        String contentType = ctx.header("Content-Type");
        boolean hasBody = ctx.contentLength() > 0;
        boolean octets = ctx.path().equals(ModelRoutes.IMPORT_PATH);
        String expected = octets ? "application/octet-stream" : "application/json";
        if ((hasBody || contentType != null) && !isMediaType(contentType, expected)) {
            throw new ApiException(
                    415,
                    "unsupported_media_type",
                    "send the body " + (octets ? "as the file's bytes" : "as JSON") + " with 'Content-Type: "
                            + expected + "', not "
                            + (contentType == null ? "without a content type" : "'" + contentType + "'"));
        }
    }

    private static boolean isMediaType(String contentType, String expected) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals(expected);
    }

    private static int port(Context ctx) {
        return ctx.port();
    }

    private boolean allowedHost(String name) {
        return name.equals("localhost") || name.equals(listenHost) || isIpLiteral(name);
    }

    /** The host name of a Host header value: "h", "h:port", "[v6]" or "[v6]:port", lower case. */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    static boolean isIpLiteral(String name) {
        if (name.startsWith("[") && name.endsWith("]")) {
            return name.length() > 2
                    && name.substring(1, name.length() - 1)
                            .chars()
                            .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return "http".equalsIgnoreCase(uri.getScheme())
                    && authority != null
                    && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
