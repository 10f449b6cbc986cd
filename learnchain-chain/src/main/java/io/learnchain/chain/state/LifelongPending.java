package io.learnchain.chain.state;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import java.util.List;
import java.util.Objects;

/**
 * Test parts waiting to be picked and revealed: the candidate hashes (Dn), how many the chain picks
 * (k), the picked indices in increasing order (empty until the next block picks them) and the last
 * height at which the reveal may be included. For a growth also the grown spec, weights and
 * threshold, which become current with the reveal ({@code grownSpec} empty for a deployment).
 */
public record LifelongPending(
        List<Hash> candidates,
        int selectCount,
        List<Integer> chosen,
        long deadline,
        String grownSpec,
        Hash grownWeights,
        long grownThreshold) {
    public LifelongPending {
        candidates = List.copyOf(candidates);
        chosen = List.copyOf(chosen);
        Objects.requireNonNull(grownSpec, "grownSpec");
        Objects.requireNonNull(grownWeights, "grownWeights");
        if (selectCount < 1 || selectCount > candidates.size() || (!chosen.isEmpty() && chosen.size() != selectCount)) {
            throw new IllegalArgumentException(
                    "pending parts: pick " + selectCount + " of " + candidates.size() + ", picked " + chosen.size());
        }
        for (int i = 0; i < chosen.size(); i++) {
            if (chosen.get(i) < 0
                    || chosen.get(i) >= candidates.size()
                    || (i > 0 && chosen.get(i) <= chosen.get(i - 1))) {
                throw new IllegalArgumentException("pending parts: picked indices must increase within the candidates");
            }
        }
    }

    public boolean isGrowth() {
        return !grownSpec.isEmpty();
    }

    public boolean isPicked() {
        return !chosen.isEmpty();
    }

    /** The picked part hashes in index order. */
    public List<Hash> chosenHashes() {
        return chosen.stream().map(candidates::get).toList();
    }

    public LifelongPending picked(List<Integer> indices, long newDeadline) {
        return new LifelongPending(
                candidates, selectCount, indices, newDeadline, grownSpec, grownWeights, grownThreshold);
    }

    void write(CanonicalWriter out) {
        out.list(candidates, (h, w) -> w.hash(h))
                .i32(selectCount)
                .list(chosen, (i, w) -> w.i32(i))
                .i64(deadline)
                .string(grownSpec)
                .hash(grownWeights)
                .i64(grownThreshold);
    }

    static LifelongPending read(CanonicalReader in) {
        List<Hash> candidates = in.list(64, 32, CanonicalReader::hash);
        int k = in.i32();
        List<Integer> chosen = in.list(64, 4, CanonicalReader::i32);
        long deadline = in.i64();
        String spec = in.string(1024);
        Hash weights = in.hash();
        long threshold = in.i64();
        return in.guard(() -> new LifelongPending(candidates, k, chosen, deadline, spec, weights, threshold));
    }
}
