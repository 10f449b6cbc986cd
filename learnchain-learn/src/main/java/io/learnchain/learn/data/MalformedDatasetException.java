package io.learnchain.learn.data;

/**
 * A data file that cannot be read: truncated, of the wrong kind, or with values out of range. The
 * message names the source (as the caller described it) and what was wrong, so a user can fix the
 * file or point at another one. An {@link IllegalArgumentException}: bad input, not a bug.
 */
public final class MalformedDatasetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedDatasetException(String source, String problem) {
        super(source + ": " + problem);
    }

    public MalformedDatasetException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
