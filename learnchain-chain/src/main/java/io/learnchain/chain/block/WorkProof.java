package io.learnchain.chain.block;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.merkle.MerkleRoot;
import io.learnchain.learn.train.TrainingRecord;
import io.learnchain.learn.train.WorkSegments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The work behind a pole block's model (PROTOCOL.md 3.7): the leaves of checkpoints 0..K of its
 * training run ({@link io.learnchain.learn.train.Checkpoint#leaf()}), the hash of the optimizer
 * state at the last one (so that leaf K can be tied to the committed model), and the blob hashes of
 * the checkpoints the chain challenged the miner to open, one per challenged segment in increasing
 * segment order. The leaves are committed before the reveal ({@link #claimHash}); the openings are
 * chosen after it.
 */
public record WorkProof(List<Hash> checkpoints, Hash finalStateHash, List<Hash> openings) {
    /** Most openings a proof carries (see {@code WorkChallenge.SEGMENTS}). */
    public static final int MAX_OPENINGS = 16;

    private static final byte[] CLAIM_DOMAIN = "learnchain/work-claim/v1".getBytes(StandardCharsets.US_ASCII);

    public WorkProof {
        checkpoints = List.copyOf(checkpoints);
        Objects.requireNonNull(finalStateHash, "finalStateHash");
        openings = List.copyOf(openings);
        if (checkpoints.isEmpty() || checkpoints.size() > WorkSegments.MAX_SEGMENTS + 1) {
            throw new IllegalArgumentException("a work proof holds 1 to " + (WorkSegments.MAX_SEGMENTS + 1)
                    + " checkpoint hashes, got " + checkpoints.size());
        }
        if (openings.size() > MAX_OPENINGS) {
            throw new IllegalArgumentException(
                    "a work proof opens at most " + MAX_OPENINGS + " checkpoints, got " + openings.size());
        }
    }

    /** The committed work before any segment is opened. */
    public static WorkProof committed(List<Hash> checkpoints, Hash finalStateHash) {
        return new WorkProof(checkpoints, finalStateHash, List.of());
    }

    public WorkProof withOpenings(List<Hash> newOpenings) {
        return new WorkProof(checkpoints, finalStateHash, newOpenings);
    }

    /** The number of segments K. */
    public int segments() {
        return checkpoints.size() - 1;
    }

    /**
     * What a commitment binds as its "training record": SHA-256 of ASCII
     * {@code learnchain/work-claim/v1}, the record's canonical bytes and the checkpoint root.
     */
    public static Hash claimHash(TrainingRecord record, List<Hash> checkpoints) {
        byte[] rec = record.canonicalBytes();
        return Hash.sha256(new CanonicalWriter(CLAIM_DOMAIN.length + rec.length + 40)
                .raw(CLAIM_DOMAIN)
                .bytes(rec)
                .hash(MerkleRoot.of(checkpoints))
                .toByteArray());
    }
}
