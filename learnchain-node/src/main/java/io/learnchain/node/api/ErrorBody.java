package io.learnchain.node.api;

/** The JSON body of every API error: {@code {"status":400,"error":"bad_request","message":"..."}}. */
public record ErrorBody(int status, String error, String message) {}
