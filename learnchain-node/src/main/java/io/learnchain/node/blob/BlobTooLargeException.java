package io.learnchain.node.blob;

import java.io.IOException;

/** A blob over the store's size limit; nothing was stored. */
public final class BlobTooLargeException extends IOException {
    public BlobTooLargeException(long limit) {
        super("blob is larger than the limit of " + limit + " bytes; nothing was stored."
                + " Split the data or raise the genesis max blob size.");
    }
}
