package io.learnchain.node.data;

/** A named data set or one of its files is not where the user said or where we searched; the message says how to get it. */
public final class DatasetNotFoundException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DatasetNotFoundException(String message) {
        super(message);
    }

    public DatasetNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
