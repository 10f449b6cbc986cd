package io.learnchain.learn.format;

/** A model file (safetensors, metadata) that cannot be read: the message names the source and the problem. */
public final class FormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public FormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    public FormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
