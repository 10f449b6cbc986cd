package io.learnchain.node.storage;

/**
 * A local storage fault (disk full, I/O error, closed database). Blocks that fail because of it
 * are retried, never marked bad.
 */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
