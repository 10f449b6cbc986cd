package io.learnchain.chain.tx;

/**
 * The initiator reveals the test parts the chain picked for lifelong model {@code modelId} (at
 * deployment or growth): the blobs of the picked part hashes must be available (content
 * addressing makes "hashes match the data" automatic) and be data sets the model reads. Pole's
 * {@link RevealShard} is bound to a round's block; this one may sit in any block of the window.
 */
public record RevealParts(long modelId) implements Payload {
    public static final int TAG = 17;

    public RevealParts {
        LifelongIds.check(modelId);
    }

    @Override
    public int tag() {
        return TAG;
    }
}
