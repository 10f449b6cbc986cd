package io.learnchain.chain.pow;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.block.EngineProof;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * Searches nonces for an idle block. Pure: the node's miner calls {@link #seal} in slices (say a
 * few hundred thousand tries) between checks for new blocks and stop requests. The header prefix
 * before the nonce is hashed once per slice; each try hashes only the last 8 bytes.
 */
public final class IdleSealer {
    private IdleSealer() {}

    /**
     * Tries nonces {@code startNonce, startNonce+1, ...} ({@code tries} of them, wrapping at 2^64).
     * Returns the header with the first nonce that meets its difficulty, or empty. The signature
     * is left as is: sign the sealed header afterwards (the block hash excludes the signature).
     */
    public static Optional<BlockHeader> seal(BlockHeader template, long startNonce, long tries) {
        long difficulty = switch (template.proof()) {
            case IdleProof p -> p.difficulty();
            case ForfeitProof p -> p.difficulty();
            case PoleProof p -> throw new IllegalArgumentException("pole headers are not sealed by hash work");
            case DqnProof p -> throw new IllegalArgumentException("dqn headers are not sealed by hash work");
        };
        byte[] target = Difficulty.target(difficulty);
        byte[] unsigned = template.withProof(withNonce(template.proof(), 0)).unsignedBytes();
        int prefix = unsigned.length - 8;
        MessageDigest base = Hash.newDigest();
        base.update(unsigned, 0, prefix);
        byte[] nonceBytes = new byte[8];
        byte[] digest = new byte[Hash.LENGTH];
        long nonce = startNonce;
        for (long i = 0; i < tries; i++, nonce++) {
            for (int b = 0; b < 8; b++) {
                nonceBytes[b] = (byte) (nonce >>> (8 * b));
            }
            try {
                MessageDigest md = (MessageDigest) base.clone();
                md.update(nonceBytes);
                md.digest(digest, 0, Hash.LENGTH);
            } catch (CloneNotSupportedException | DigestException e) {
                throw new IllegalStateException("the JDK SHA-256 digest cannot be cloned", e);
            }
            if (Arrays.compareUnsigned(digest, target) <= 0) {
                return Optional.of(template.withProof(withNonce(template.proof(), nonce)));
            }
        }
        return Optional.empty();
    }

    /**
     * The cheap check a node can make of a side-branch header before storing it: true for headers
     * that do no hash work (pole and dqn blocks, whose work is verified in full when their branch
     * becomes better), otherwise whether the hash meets the header's own difficulty.
     */
    public static boolean meetsWorkIfAny(BlockHeader header) {
        return switch (header.proof()) {
            case IdleProof p -> Difficulty.meets(header.hash(), p.difficulty());
            case ForfeitProof p -> Difficulty.meets(header.hash(), p.difficulty());
            case PoleProof p -> true;
            case DqnProof p -> true;
        };
    }

    /** True when the header's hash meets its own idle (or forfeit) difficulty. */
    public static boolean hasValidWork(BlockHeader header) {
        return switch (header.proof()) {
            case IdleProof p -> Difficulty.meets(header.hash(), p.difficulty());
            case ForfeitProof p -> Difficulty.meets(header.hash(), p.difficulty());
            case PoleProof p -> false;
            case DqnProof p -> false;
        };
    }

    private static EngineProof withNonce(EngineProof proof, long nonce) {
        return switch (proof) {
            case IdleProof p -> p.withNonce(nonce);
            case ForfeitProof p -> p.withNonce(nonce);
            case PoleProof p -> throw new IllegalArgumentException("pole headers carry no work nonce");
            case DqnProof p -> throw new IllegalArgumentException("dqn headers carry no work nonce");
        };
    }
}
