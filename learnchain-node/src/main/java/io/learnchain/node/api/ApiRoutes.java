package io.learnchain.node.api;

import io.javalin.Javalin;

/** A group of endpoints that {@link ApiServer} mounts. */
@FunctionalInterface
public interface ApiRoutes {
    void register(Javalin app);
}
