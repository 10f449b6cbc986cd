package io.learnchain.cli.common;

/**
 * A mistake the user can fix: the message says what was wrong and what to do. Printed without a
 * stack trace; the command exits with code 2.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
