package io.learnchain.chain.pole;

import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.tx.WorkFraud;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A fraud proof ready to send (PROTOCOL.md 3.8): the {@link WorkFraud} payload for a pole block
 * whose full replay departed from its committed checkpoints, and the bytes of the checkpoint it
 * opens (published as a blob with the transaction). Against a private task's round the payload
 * carries the round's keys, taken from the block's reveal (the replay decrypted the round with them).
 */
public record FraudReport(WorkFraud payload, byte[] opening) {
    public FraudReport {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(opening, "opening");
        if (!Hash.sha256(opening).equals(payload.opening())) {
            throw new IllegalArgumentException("the opening bytes do not hash to the proof's opening");
        }
    }

    /**
     * The report for {@code block} given what its replay found; empty when the replay reproduced
     * it, or when the departure is at the start (the block check itself rejects that). The proof
     * carries the round keys of the block's reveal: none for a task in the clear, k for a private one.
     */
    public static Optional<FraudReport> of(Block block, ReplayVerifier.Outcome outcome) {
        if (!(block.header().proof() instanceof PoleProof p)
                || !(outcome instanceof ReplayVerifier.Outcome.Mismatch m)
                || m.segment() < 0
                || m.segment() >= p.work().segments()
                || m.opening().isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = m.opening().get().bytes();
        WorkFraud payload = new WorkFraud(
                p.taskId(),
                block.header().height(),
                p.record(),
                p.work().checkpoints(),
                m.segment(),
                Hash.sha256(bytes),
                PoleVerifier.revealOf(block).roundKeys());
        return Optional.of(new FraudReport(payload, bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FraudReport r && r.payload.equals(payload) && Arrays.equals(r.opening, opening);
    }

    @Override
    public int hashCode() {
        return payload.hashCode();
    }

    @Override
    public String toString() {
        return "FraudReport[task " + payload.taskId() + ", height " + payload.height() + ", segment "
                + payload.segment() + "]";
    }
}
