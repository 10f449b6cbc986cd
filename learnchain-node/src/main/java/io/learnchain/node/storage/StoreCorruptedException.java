package io.learnchain.node.storage;

/**
 * The database is damaged or inconsistent (unreadable files, a missing or altered tip record, an
 * unknown schema). The node refuses to start rather than serve wrong data.
 */
public final class StoreCorruptedException extends StorageException {
    public StoreCorruptedException(String store, String problem, Throwable cause) {
        super(message(store, problem), cause);
    }

    public StoreCorruptedException(String store, String problem) {
        super(message(store, problem));
    }

    private static String message(String store, String problem) {
        return "chain database " + store + " is damaged: " + problem + ". The node will not start on it."
                + " Rebuild it from the stored blocks with `learnchain chain reindex`, or move the data"
                + " directory away and sync again.";
    }
}
