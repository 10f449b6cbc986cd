package io.learnchain.chain.validation;

import java.util.Objects;

/**
 * What block validation takes from the world outside the chain data: the local time (for the
 * future-timestamp check) and the signature verifier (the node may hand in one that remembers
 * transactions the mempool already verified). Later: a view of the blobs a block depends on.
 */
public record ValidationContext(long nowSeconds, SignatureVerifier verifier) {
    public ValidationContext {
        Objects.requireNonNull(verifier, "verifier");
    }

    public static ValidationContext at(long nowSeconds) {
        return new ValidationContext(nowSeconds, SignatureVerifier.ED25519);
    }
}
