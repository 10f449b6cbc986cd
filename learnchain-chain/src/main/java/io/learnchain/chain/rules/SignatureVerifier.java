package io.learnchain.chain.rules;

import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.tx.SignedTransaction;

/**
 * Checks a transaction's (and a block header's) signature. {@link #ED25519} verifies every time; a node may wrap it with
 * a cache of transaction hashes it has already verified (a verdict never depends on which).
 */
@FunctionalInterface
public interface SignatureVerifier {
    SignatureVerifier ED25519 = SignedTransaction::hasValidSignature;

    boolean verify(SignedTransaction tx);

    /** Checks a block header's miner signature; a cache may remember headers it verified before. */
    default boolean verifyHeader(BlockHeader header) {
        return header.hasValidSignature();
    }

    /**
     * Tells a cache that this node has just signed {@code header} with its own key, so importing its
     * own block need not verify the signature it made. Only for headers straight out of
     * {@code BlockHeader.signedBy} (see {@link #signOwn}); {@link #ED25519} ignores it.
     */
    default void signedHere(BlockHeader header) {}

    /** Signs {@code header} with the node's own {@code key} and tells this verifier ({@link #signedHere}). */
    default BlockHeader signOwn(BlockHeader header, KeyPair key) {
        BlockHeader signed = header.signedBy(key);
        signedHere(signed);
        return signed;
    }
}
