package io.learnchain.node.blob;

import io.learnchain.base.Hash;
import java.io.IOException;

/** A stored blob whose bytes no longer hash to its name: the store refuses to serve it. */
public final class CorruptBlobException extends IOException {
    private final Hash expected;
    private final Hash actual;

    public CorruptBlobException(String where, Hash expected, Hash actual) {
        super("blob store: " + where + " is damaged: expected hash " + expected.toHex() + ", the bytes hash to "
                + actual.toHex() + ". Delete the file and fetch the blob again from a peer (or run"
                + " `learnchain chain reindex` to rebuild the data directory).");
        this.expected = expected;
        this.actual = actual;
    }

    public Hash expected() {
        return expected;
    }

    public Hash actual() {
        return actual;
    }
}
