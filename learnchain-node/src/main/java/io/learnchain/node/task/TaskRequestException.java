package io.learnchain.node.task;

/** A task request this node cannot serve, with a stable code (e.g. unknown_model) and what to do. */
public final class TaskRequestException extends RuntimeException {
    private final String code;
    private final boolean conflict;

    public TaskRequestException(String code, String message) {
        this(code, message, false);
    }

    /** {@code conflict}: the request is fine but the node's state refuses it (no key, balance too low). */
    public TaskRequestException(String code, String message, boolean conflict) {
        super(message);
        this.code = code;
        this.conflict = conflict;
    }

    public String code() {
        return code;
    }

    public boolean isConflict() {
        return conflict;
    }
}
