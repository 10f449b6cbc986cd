package io.learnchain.node.api;

import io.javalin.http.Context;
import java.util.Optional;

/** Whole-number query parameters with a default and a range; a bad value is a 400 that says which and why. */
final class QueryParams {
    private QueryParams() {}

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        return (int) longParam(ctx, name, fallback, min, max);
    }

    static long longParam(Context ctx, String name, long fallback, long min, long max) {
        String raw = Optional.ofNullable(ctx.queryParam(name)).orElse("");
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw ApiException.badRequest(
                        "query parameter '" + name + "' must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be a whole number, got '" + raw + "'");
        }
    }
}
