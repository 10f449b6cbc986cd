package io.learnchain.base.codec;

/**
 * The only exception a canonical decoder throws: the bytes are not a valid encoding (truncated,
 * over a size limit, an unknown version or tag, a value out of range, trailing bytes). Unchecked
 * so decoders compose; callers that take bytes from a peer catch exactly this.
 */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
